package ftpdlab.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.DataFault;
import ftpdlab.testing.DataPeer;
import ftpdlab.testing.WireClient;
import ftpdlab.testing.NoLeaksExtension;

import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bind strategy against real sockets: where active data connections come from and what happens when binds collide. */
@ExtendWith(NoLeaksExtension.class)
class BindStrategyTest {

    private static final byte[] CONTENT = randomBytes(64 * 1024);

    /** Every registered strategy: a new one is tested here without a line changed. */
    static List<String> everyStrategy() {
        return BindStrategies.names();
    }

    /**
     * The strategies that promise no collision on Linux, by their traits: their sockets set an
     * option that lets non-listening sockets share the port, or they bind no fixed port.
     */
    static Stream<String> strategiesThatNeverCollide() {
        BindSettings settings = new BindSettings(3, Duration.ofMillis(5), false);
        return BindStrategies.names().stream().map(n -> BindStrategies.create(n, settings))
                .filter(s -> !s.fixedPort() || !s.options().isEmpty()).map(BindStrategy::name);
    }

    @ParameterizedTest
    @MethodSource("everyStrategy")
    void activeDownloadComesFromTheConfiguredSourcePort(String strategy) throws Exception {
        try (TestServer ts = new TestServer().strategy(strategy).start();
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ts.write("f.bin", CONTENT);
            FTPClient c = ts.client(false);
            int p = listener.getLocalPort();
            assertThat(c.sendCommand("PORT", "127,0,0,1," + (p >> 8) + "," + (p & 0xFF))).isEqualTo(200);
            assertThat(c.sendCommand("RETR", "f.bin")).isEqualTo(150);
            try (Socket data = listener.accept()) {
                if ("false".equals(ts.stats().get("bind.fixed-port"))) {
                    assertThat(data.getPort()).isNotEqualTo(ts.dataPort());
                } else {
                    assertThat(data.getPort()).isEqualTo(ts.dataPort());
                }
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(CONTENT);
            }
            assertThat(c.getReply()).isEqualTo(226);
            assertThat(ts.stats()).containsEntry("bind.strategy", strategy)
                    .containsEntry("bind.attempts", "1").containsEntry("bind.collisions", "0")
                    .containsEntry("transfers.ok", "1").containsEntry("bytes.sent", Integer.toString(CONTENT.length));
            c.disconnect();
        }
    }

    @Test
    void retryGivesUpWith425AfterMaxTriesWhileThePortIsHeld() throws Exception {
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.max-tries", "3")
                .with("data.retry.backoff", "5ms").start();
             DataPeer holder = DataPeer.active(ts, DataFault.HOLD_PORT)) {
            ts.write("f.bin", CONTENT);
            FTPClient c = ts.client(false);
            assertThat(c.retrieveFile("f.bin", new ByteArrayOutputStream())).isFalse();
            assertThat(c.getReplyString()).startsWith("425 Can't create data socket (127.0.0.1," + ts.dataPort()
                    + "): Address already in use.");
            // 1 bind + 3 retries, waits of 1, 2 and 3 units: BSD ftpd's linear schedule.
            assertThat(ts.stats()).containsEntry("bind.attempts", "4").containsEntry("bind.collisions", "4")
                    .containsEntry("bind.retries", "3").containsEntry("bind.backoff.ms", "30")
                    .containsEntry("bind.giveups", "1").containsEntry("transfers.ok", "0")
                    .containsEntry("bind.per-transfer.4", "1")
                    .containsEntry("bind.options", "none").containsEntry("bind.retry.max-tries", "3")
                    .containsEntry("bind.retry.backoff.ms", "5");
            assertThat(c.sendNoOp()).isTrue();
            c.disconnect();
        }
    }

    @Test
    void retrySucceedsOnceThePortIsFreed() throws Exception {
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.backoff", "20ms").start()) {
            ts.write("f.bin", CONTENT);
            DataPeer holder = DataPeer.active(ts, DataFault.HOLD_PORT);
            FTPClient c = ts.client(false);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<byte[]> download = pool.submit(() -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    return c.retrieveFile("f.bin", out) ? out.toByteArray() : null;
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> ts.stat("bind.collisions") >= 2);
                holder.close();
                assertThat(download.get(10, TimeUnit.SECONDS)).isEqualTo(CONTENT);
            } finally {
                pool.shutdownNow();
            }
            assertThat(ts.stat("bind.retries")).isGreaterThanOrEqualTo(2);
            assertThat(ts.stat("bind.backoff.ms")).isGreaterThanOrEqualTo(20 + 40);
            assertThat(ts.stat("bind.giveups")).isZero();
            assertThat(ts.stat("transfers.ok")).isEqualTo(1);
            c.disconnect();
        }
    }

    @Test
    void aWaitingSessionStillAnswersNoopAndAborAndOthersAreServed() throws Exception {
        // A back-off of 10 s per unit: if it were slept on a thread, nothing below could answer in time.
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.backoff", "10s").start();
             DataPeer holder = DataPeer.active(ts, DataFault.HOLD_PORT);
             WireClient c = WireClient.login(ts);
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ts.write("f.bin", CONTENT);
            int p = listener.getLocalPort();
            c.send("PORT 127,0,0,1," + (p >> 8) + "," + (p & 0xFF));
            c.expect(200);
            c.send("RETR f.bin");
            await().atMost(Duration.ofSeconds(5)).until(() -> ts.stat("bind.collisions") == 1);

            c.send("NOOP");
            c.expect(200);
            FTPClient other = ts.client(true);
            assertThat(other.printWorkingDirectory()).isEqualTo("/");
            other.disconnect();

            c.send("ABOR");
            assertThat(c.expect(426).text()).contains("aborted");
            c.expect(226);
            c.send("NOOP");
            c.expect(200);
            assertThat(ts.stats()).containsEntry("bind.attempts", "1").containsEntry("bind.retries", "0")
                    .containsEntry("bind.giveups", "0").containsEntry("transfers.ok", "0");
        }
    }

    @Test
    void parallelDownloadsWithTheExclusiveRetryHackCollideAndGiveUp() throws Exception {
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.max-tries", "4")
                .with("data.retry.backoff", "5ms").start()) {
            ts.write("f.bin", CONTENT);
            List<Integer> codes = parallelActiveDownloads(ts, 8);
            assertThat(codes).hasSize(8).allMatch(code -> code == 226 || code == 425);
            long ok = codes.stream().filter(code -> code == 226).count();
            assertThat(ok).isGreaterThanOrEqualTo(1);
            // The first download leaves the port in TIME_WAIT for 60 s: an exclusive bind can't get it back.
            assertThat(ts.stat("bind.collisions")).isGreaterThan(0);
            assertThat(ts.stat("bind.retries")).isGreaterThan(0);
            assertThat(ts.stat("bind.giveups")).isEqualTo(8 - ok).isGreaterThan(0);
            assertThat(ts.stat("bind.backoff.ms")).isGreaterThanOrEqualTo(ts.stat("bind.retries") * 5);
            assertThat(ts.stat("transfers.ok") + ts.stat("bind.giveups")).isEqualTo(8);
        }
    }

    @ParameterizedTest
    @MethodSource("strategiesThatNeverCollide")
    void thirtyTwoParallelActiveDownloadsNeverCollide(String strategy) throws Exception {
        try (TestServer ts = new TestServer().strategy(strategy).start()) {
            ts.write("f.bin", CONTENT);
            List<Integer> codes = parallelActiveDownloads(ts, 32);
            assertThat(codes).hasSize(32).containsOnly(226);
            assertThat(ts.stats()).containsEntry("bind.collisions", "0").containsEntry("transfers.failed", "0")
                    .containsEntry("connect.failures", "0").containsEntry("transfers.ok", "32");
        }
    }

    @Test
    void retryWithBsdOptionsNeverCollidesOnLinux() throws Exception {
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.reuse-address", "true").start()) {
            ts.write("f.bin", CONTENT);
            List<Integer> codes = parallelActiveDownloads(ts, 16);
            assertThat(codes).containsOnly(226);
            assertThat(ts.stat("bind.collisions")).isZero();
        }
    }

    @Test
    void aRefusedConnectAnswers425AndIsCountedByCause() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            ts.write("f.bin", CONTENT);
            FTPClient c = ts.client(false);
            int closedPort;
            try (DataPeer refusing = DataPeer.active(ts, DataFault.REFUSE)) {
                closedPort = refusing.port();
            }
            assertThat(c.sendCommand("PORT", "127,0,0,1," + (closedPort >> 8) + "," + (closedPort & 0xFF))).isEqualTo(200);
            // As in FreeBSD's dataconn(): no 150 until connect() worked, so the client never waits for a connection.
            assertThat(c.sendCommand("RETR", "f.bin")).isEqualTo(425);
            assertThat(c.getReplyString()).startsWith("425 Can't build data connection: Connection refused");
            assertThat(ts.stats()).containsEntry("connect.failures", "1").containsEntry("connect.failures.ECONNREFUSED", "1");
            c.disconnect();
        }
    }

    private static List<Integer> parallelActiveDownloads(TestServer ts, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(() -> {
                    FTPClient c = ts.client(false);
                    try {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        boolean ok = c.retrieveFile("f.bin", out);
                        if (ok) {
                            assertThat(out.toByteArray()).isEqualTo(CONTENT);
                        }
                        return c.getReplyCode();
                    } finally {
                        c.disconnect();
                    }
                });
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                codes.add(f.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
