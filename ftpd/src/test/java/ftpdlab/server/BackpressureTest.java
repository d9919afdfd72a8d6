package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A client that sends commands and does not read the replies cannot fill the server's memory, nor keep its connection. */
@ExtendWith(NoLeaksExtension.class)
class BackpressureTest {

    /**
     * More replies than the kernel's socket buffers can hold (so without backpressure they pile up
     * in the server's write queue); every 10 000th command is SYST, so the order of the replies shows.
     */
    private static final int COMMANDS = 400_000;

    @Test
    void aClientThatDoesNotReadIsStoppedBeingReadAndLaterGetsEveryReplyInOrder() throws Exception {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong peak = new AtomicLong();
        try (TestServer ts = new TestServer().start(); Socket flood = new Socket()) {
            BufferedReader in = logIn(ts, flood);
            OutputStream out = flood.getOutputStream();

            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(ts.server().largestWriteQueue(), Math::max),
                    0, 1, TimeUnit.MILLISECONDS);
            CompletableFuture<Void> writer = flood(out);
            // Reading stopped with more replies queued than the low-water mark: with the client not
            // reading, nothing can resume it, so this is the flood's final state on the server.
            await("the server stops reading the flood").atMost(Duration.ofSeconds(30))
                    .until(() -> peak.get() > 2 * FtpIoHandler.WRITE_HIGH
                            || ts.server().readSuspendedSessions() == 1 && ts.server().largestWriteQueue() > FtpIoHandler.WRITE_LOW);
            try (WireClient bystander = WireClient.login(ts)) {
                bystander.expect("NOOP", 200);
            }
            assertThat(peak.get()).as("largest write queue").isLessThanOrEqualTo(2 * FtpIoHandler.WRITE_HIGH);
            sampler.shutdownNow();
            System.out.printf("backpressure: %d commands unread, largest write queue seen %d bytes%n", COMMANDS, peak.get());

            for (int i = 0; i < COMMANDS; i++) {
                String line = in.readLine();
                assertThat(line).as("reply %d", i).startsWith(i % 10_000 == 0 ? "215 " : "200 ");
            }
            writer.join();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("221");
        } finally {
            sampler.shutdownNow();
        }
    }
    /**
     * With the client reading nothing, the idle timeout's 421 cannot be written: the connection is
     * closed after the grace anyway, and the timeouts that follow do not queue another 421.
     */
    @Test
    void aClientThatReadsNothingIsClosedAfterTheGraceWithOne421() throws Exception {
        try (TestServer ts = new TestServer().with("limits.idle-timeout", "1s").start(); Socket c = new Socket()) {
            BufferedReader in = logIn(ts, c);
            OutputStream out = c.getOutputStream();
            CompletableFuture<Void> writer = flood(out);
            await("the idle timeout closes it unread").atMost(Duration.ofSeconds(20))
                    .until(() -> ts.server().sessionCount() == 0);
            int goodbyes = 0;
            try {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    goodbyes += l.startsWith("421 ") ? 1 : 0;
                }
            } catch (SocketException reset) {
                // Closed with replies unsent: the end of what the server wrote.
            }
            assertThat(goodbyes).isLessThanOrEqualTo(1);
            writer.exceptionally(closed -> null).join();
        }
    }

    /** Connects {@code s} with a small receive buffer (so little of what the server sends fits) and logs in. */
    private static BufferedReader logIn(TestServer ts, Socket s) throws IOException {
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(ts.host(), ts.port()), 5_000);
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("220");
        s.getOutputStream().write(("USER " + TestServer.USER + "\r\nPASS " + TestServer.PASSWORD + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(in.readLine()).startsWith("331");
        assertThat(in.readLine()).startsWith("230");
        return in;
    }

    /** Sends {@link #COMMANDS} commands off the test thread: the writes block once the server stops reading. */
    private static CompletableFuture<Void> flood(OutputStream out) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < COMMANDS; i += 10_000) {
                    out.write(("SYST\r\n" + "NOOP\r\n".repeat(9_999)).getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
