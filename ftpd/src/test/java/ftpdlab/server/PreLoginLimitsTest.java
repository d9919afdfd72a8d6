package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finding 2 of issue 7: connections that never log in cannot hold the server's slots. The login
 * timeout, the line deadline, the per-address and total pre-login caps and the cap on commands
 * before login, each alone, then all of them against a flood.
 */
@ExtendWith(NoLeaksExtension.class)
class PreLoginLimitsTest {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Test
    void aConnectionThatDoesNotLogInInTimeGets421() throws IOException {
        try (TestServer ts = new TestServer().with("limits.login-timeout", "1s").start();
             WireClient idle = WireClient.connectReady(ts);
             WireClient loggedIn = WireClient.login(ts)) {
            assertThat(idle.expect(421).text()).contains("Login timeout");
            await().atMost(CLOSE_WAIT).until(idle::closedByServer);
            // The timeout is for logging in only: a logged-in session stays.
            loggedIn.expect("NOOP", 200);
        }
    }

    @Test
    void aTrickledLineIsCutOffAtTheLineDeadline() throws IOException {
        // The trickle keeps the connection from ever being idle, so only the line deadline can end it.
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (TestServer ts = new TestServer().with("limits.line-timeout", "1s").with("limits.idle-timeout", "2s").start();
             WireClient c = WireClient.login(ts)) {
            c.sendRaw("NOOP".getBytes(StandardCharsets.US_ASCII));
            trickle.scheduleAtFixedRate(() -> sendQuietly(c, " "), 0, 200, TimeUnit.MILLISECONDS);
            assertThat(c.expect(421).text()).contains("Line timeout");
            trickle.shutdownNow();
            await().atMost(CLOSE_WAIT).until(c::closedByServer);
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aHalfLineBeforeLoginCannotHoldASlot() throws IOException {
        try (TestServer ts = new TestServer().with("limits.line-timeout", "1s").start();
             WireClient c = WireClient.connectReady(ts)) {
            c.sendRaw("USER half".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.expect(421).text()).contains("Line timeout");
            await().atMost(CLOSE_WAIT).until(c::closedByServer);
        }
    }

    @Test
    void anAddressMayHoldOnlySoManyConnectionsBeforeLogin() throws IOException {
        try (TestServer ts = new TestServer().with("limits.prelogin.max-per-address", "2").start();
             WireClient first = WireClient.connectReady(ts);
             WireClient second = WireClient.connectReady(ts)) {
            try (WireClient third = WireClient.connect(ts)) {
                assertThat(third.expect(421).text()).contains("waiting to log in");
                await().atMost(CLOSE_WAIT).until(third::closedByServer);
            }
            // Another address is not affected, and a login frees a slot.
            try (WireClient other = WireClient.connect(ts, WireClient.loopback(2))) {
                other.expect(220);
            }
            first.loginAs(TestServer.USER, TestServer.PASSWORD);
            try (WireClient again = WireClient.connectReady(ts)) {
                again.expect("NOOP", 200);
            }
        }
    }

    @Test
    void whenThePreLoginBudgetIsFullTheOldestOfTheBiggestHolderMakesRoom() throws IOException {
        // Each 220 is read before the next connect: the server admits a connection before its 220, and
        // connections opened at once may be admitted in any order (several I/O threads).
        try (TestServer ts = new TestServer().with("limits.prelogin.max", "3").start();
             WireClient oldest = greeted(ts, 2);
             WireClient b = greeted(ts, 2);
             WireClient other = greeted(ts, 3)) {
            try (WireClient newcomer = WireClient.connect(ts, WireClient.loopback(4))) {
                newcomer.expect(220);
                assertThat(oldest.expect(421).text()).contains("waiting to log in");
                await().atMost(CLOSE_WAIT).until(oldest::closedByServer);
                newcomer.loginAs(TestServer.USER, TestServer.PASSWORD);
            }
            b.expect("NOOP", 200);
            other.expect("NOOP", 200);
        }
    }

    private static WireClient greeted(TestServer ts, int lastOctet) throws IOException {
        WireClient c = WireClient.connect(ts, WireClient.loopback(lastOctet));
        c.expect(220);
        return c;
    }

    @Test
    void onlySoManyCommandsBeforeLogin() throws IOException {
        try (TestServer ts = new TestServer().with("limits.prelogin.max-commands", "5").start();
             WireClient c = WireClient.connectReady(ts)) {
            for (int i = 0; i < 5; i++) {
                c.expect("NOOP", 200);
            }
            assertThat(c.command("NOOP").code()).isEqualTo(421);
            await().atMost(CLOSE_WAIT).until(c::closedByServer);
        }
    }

    /**
     * 300 connections that never log in (100 silent, 100 trickling a line one byte at a time, 100
     * sending NOOPs) from ten addresses, on a server whose session limit they would fill; then a
     * new client must connect, log in and download within one second.
     */
    @Test
    void aFloodOfPreLoginConnectionsDoesNotLockOutANewClient() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> flood = new ArrayList<>();
        try (TestServer ts = new TestServer().with("limits.max-sessions", "300").start()) {
            ts.write("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket();
                flood.add(s);
                s.bind(new java.net.InetSocketAddress(WireClient.loopback(10 + i % 10), 0));
                s.connect(new java.net.InetSocketAddress(ts.host(), ts.port()), 5_000);
                if (i % 3 == 1) {
                    s.getOutputStream().write("USER flood".getBytes(StandardCharsets.US_ASCII));
                } else if (i % 3 == 2) {
                    s.getOutputStream().write("NOOP\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            trickle.scheduleAtFixedRate(() -> {
                for (int i = 1; i < flood.size(); i += 3) {
                    try {
                        flood.get(i).getOutputStream().write('x');
                    } catch (IOException closedByServer) {
                        // Evicted: that is the point.
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            // The flood is in: every connection was accepted and answered (220 or a 421 eviction).
            await().atMost(Duration.ofSeconds(20)).until(() -> ts.server().sessionCount() <= 256);

            long start = System.nanoTime();
            CompletableFuture<String> newcomer = CompletableFuture.supplyAsync(() -> {
                try (WireClient c = WireClient.connect(ts, WireClient.loopback(1))) {
                    c.expect(220);
                    c.loginAs(TestServer.USER, TestServer.PASSWORD);
                    c.expect("TYPE I", 200);
                    var data = c.epsv();
                    c.send("RETR hello.txt");
                    try (Socket d = WireClient.connectData(data)) {
                        c.expect(150);
                        String got = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        c.expect(226);
                        return got;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            await("a new client logs in and downloads").atMost(Duration.ofSeconds(1)).until(newcomer::isDone);
            assertThat(newcomer.join()).isEqualTo("hello\n");
            System.out.printf("flood: 300 pre-login connections, newcomer logged in and downloaded in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            trickle.shutdownNow();
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    private static void sendQuietly(WireClient c, String s) {
        try {
            c.sendRaw(s.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closed) {
            // The server closed it: what the test waits for.
        }
    }
}
