package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.DataFault;
import ftpdlab.testing.DataPeer;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Commands a client sends right behind a transfer command. A small file is sent, and its 226
 * written, on the command thread before the next command is read, so the commands behind it run
 * after it, in order. A file larger than the socket buffers moves on a data worker: the commands
 * behind it are answered at once, as during any transfer (NOOP runs, PWD and TYPE get 503), and
 * 226 comes when the client has read the file; then commands run normally again.
 */
@ExtendWith(NoLeaksExtension.class)
class PipelinedCommandsTest {

    private static final byte[] SMALL = "small file\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LARGE = new byte[16 << 20];

    private TestServer ts;

    @BeforeEach
    void start() {
        new Random(7).nextBytes(LARGE);
        ts = new TestServer().start();
        ts.write("small.txt", SMALL);
        ts.write("large.bin", LARGE);
    }

    @AfterEach
    void stop() {
        ts.close();
    }

    @Test
    void passiveSmallFile() throws IOException {
        assertPipelinedPassive("small.txt", SMALL);
    }

    @Test
    void passiveLargeFile() throws IOException {
        try (WireClient f = WireClient.login(ts)) {
            f.expect("TYPE I", 200);
            InetSocketAddress a = f.epsv();
            try (Socket data = WireClient.connectData(a)) {
                assertAnsweredDuringTheTransfer(f, "large.bin", data);
            }
        }
    }

    @Test
    void activeSmallFile() throws IOException {
        assertPipelinedActive("small.txt", SMALL);
    }

    @Test
    void activeLargeFile() throws IOException {
        try (WireClient f = WireClient.login(ts); DataPeer peer = DataPeer.active(ts, DataFault.NONE)) {
            f.expect("TYPE I", 200);
            f.expect(peer.eprt(), 200);
            f.send("RETR large.bin");
            assertThat(f.reply().code()).isEqualTo(150);
            assertAnsweredDuringTheTransfer(f, null, peer.socket());
        }
    }

    /** The file cannot all fit in the socket buffers: it is still moving until the test reads it. */
    private static void assertAnsweredDuringTheTransfer(WireClient f, String retr, Socket data) throws IOException {
        if (retr != null) {
            f.send("RETR " + retr);
            assertThat(f.reply().code()).isEqualTo(150);
        }
        f.send("NOOP").send("PWD").send("TYPE A");
        assertThat(List.of(f.reply().code(), f.reply().code(), f.reply().code())).containsExactly(200, 503, 503);
        byte[] got = data.getInputStream().readAllBytes();
        assertThat(Arrays.equals(got, LARGE)).as("the file, whole").isTrue();
        assertThat(f.reply().code()).isEqualTo(226);
        assertThat(f.command("PWD").code()).isEqualTo(257);
    }

    private void assertPipelinedPassive(String name, byte[] content) throws IOException {
        try (WireClient f = WireClient.login(ts)) {
            f.expect("TYPE I", 200);
            InetSocketAddress a = f.epsv();
            try (Socket data = WireClient.connectData(a)) {
                CompletableFuture<byte[]> got = readAll(data);
                f.send("RETR " + name).send("NOOP").send("PWD").send("TYPE A");
                assertRepliesInOrder(f);
                assertThat(Arrays.equals(got.join(), content)).as("the file, whole").isTrue();
            }
        }
    }

    private void assertPipelinedActive(String name, byte[] content) throws IOException {
        try (WireClient f = WireClient.login(ts); DataPeer peer = DataPeer.active(ts, DataFault.NONE)) {
            f.expect("TYPE I", 200);
            f.expect(peer.eprt(), 200);
            f.send("RETR " + name).send("NOOP").send("PWD").send("TYPE A");
            CompletableFuture<byte[]> got = readAll(peer.socket());
            assertRepliesInOrder(f);
            assertThat(Arrays.equals(got.join(), content)).as("the file, whole").isTrue();
        }
    }

    private static void assertRepliesInOrder(WireClient f) throws IOException {
        List<Integer> codes = List.of(f.reply().code(), f.reply().code(), f.reply().code(), f.reply().code(),
                f.reply().code());
        assertThat(codes).containsExactly(150, 226, 200, 257, 200);
    }

    private static CompletableFuture<byte[]> readAll(Socket s) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = s.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
