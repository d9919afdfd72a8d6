package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.DataFault;
import ftpdlab.testing.DataPeer;
import ftpdlab.testing.WireClient;
import ftpdlab.testing.NoLeaksExtension;

import ftpdlab.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Clients that misbehave or race the server: each must get a clear reply and leave nothing behind. */
@ExtendWith(NoLeaksExtension.class)
class RobustnessTest {

    /**
     * Finding 12 of issue 7: a reader that stalls is cut off after limits.data-timeout, as
     * documented, not after twice that (the watchdog used to look once per timeout).
     */
    @Test
    void aClientThatStopsReadingADownloadIsCutOffAfterTheDataTimeout() throws Exception {
        try (TestServer ts = new TestServer().with("limits.data-timeout", "2s").start();
             WireClient c = WireClient.login(ts)) {
            ts.write("big.bin", new byte[64 * 1024 * 1024]);
            // A tiny window and no reads: the server's write blocks once the buffers are full.
            try (DataPeer stalled = DataPeer.passive(c.pasv(), DataFault.STALL)) {
                c.send("RETR big.bin");
                c.expect(150);
                CompletableFuture<WireClient.Reply> cutOff = CompletableFuture.supplyAsync(() -> {
                    try {
                        return c.reply();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                await("the stalled transfer's end").atLeast(Duration.ofMillis(1_500)).atMost(Duration.ofMillis(3_400))
                        .until(cutOff::isDone);
                assertThat(cutOff.join().code()).isEqualTo(426);
                assertThat(cutOff.join().text()).contains("transfer aborted");
            }
            c.expect("NOOP", 200);
            assertThat(ts.stat("transfers.failed")).isEqualTo(1);
        }
    }

    @Test
    void telnetAborWithUrgentDataIsUnderstood() throws Exception {
        try (TestServer ts = new TestServer().start();
             WireClient c = WireClient.login(ts)) {
            // As BSD ftp and netkit-ftp send it: IAC IP, then IAC as urgent data, then DM ABOR.
            c.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xF4});
            c.sendUrgent(0xFF);
            c.sendRaw(new byte[] {(byte) 0xF2});
            c.sendRaw("ABOR\r\n".getBytes(StandardCharsets.UTF_8));
            c.expect(225);
        }
    }

    @Test
    void restBeyondTheEndThenStorIsRefusedAndTheFileKept() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            Path f = ts.write("short.txt", "12345".getBytes(StandardCharsets.UTF_8));
            FTPClient c = ts.client(true);
            c.setRestartOffset(100);
            assertThat(c.storeFile("short.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)))).isFalse();
            assertThat(c.getReplyCode()).isEqualTo(550);
            assertThat(c.getReplyString()).contains("beyond the end");
            assertThat(Files.readString(f)).isEqualTo("12345");
            c.setRestartOffset(3);
            assertThat(c.storeFile("missing.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)))).isFalse();
            assertThat(c.getReplyCode()).isEqualTo(550);
            assertThat(ts.file("missing.txt")).doesNotExist();
            c.disconnect();
        }
    }

    @Test
    void uploadsGetNormalPermissionsAndAReplacedFileKeepsItsOwn() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            Path kept = ts.write("kept.txt", "old".getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
            FTPClient c = ts.client(true);
            assertThat(c.storeFile("new.txt", new ByteArrayInputStream("n".getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(c.storeFile("kept.txt", new ByteArrayInputStream("new".getBytes(StandardCharsets.UTF_8)))).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ts.file("new.txt")))).isEqualTo("rw-r--r--");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
            assertThat(Files.readString(kept)).isEqualTo("new");
            c.disconnect();
        }
    }

    @Test
    void anUploadInProgressIsNotListedAndAFailedStouLeavesNoName() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            Files.writeString(ts.file(".x.bin123" + FileUpload.TEMP_SUFFIX), "partial");
            FTPClient c = ts.client(true);
            assertThat(c.listNames()).doesNotContain(".x.bin123" + FileUpload.TEMP_SUFFIX);
            assertThat(c.mlistDir()).extracting(FTPFile::getName).doesNotContain(".x.bin123" + FileUpload.TEMP_SUFFIX);
            // STOU without PORT/PASV: 425, and the name it had claimed is given back.
            assertThat(c.sendCommand("STOU", "claimed")).isEqualTo(425);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ts.file("claimed")).doesNotExist());
            c.disconnect();
        }
    }

    @Test
    void quitRightAfterATransferIsAnsweredOnceAndInOrder() throws IOException {
        try (TestServer ts = new TestServer().start();
             WireClient c = WireClient.login(ts)) {
            ts.write("f.txt", "f".getBytes(StandardCharsets.UTF_8));
            try (Socket data = WireClient.connectData(c.pasv())) {
                // RETR and QUIT in one write: QUIT's 221 must follow the transfer's 226.
                c.send("RETR f.txt\r\nQUIT");
                c.expect(150);
                assertThat(data.getInputStream().readAllBytes()).containsExactly('f');
                c.expect(226);
                c.expect(221);
            }
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
        }
    }
}
