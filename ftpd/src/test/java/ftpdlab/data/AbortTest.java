package ftpdlab.data;

import static ftpdlab.data.DataTestSupport.randomBytes;
import static ftpdlab.data.DataTestSupport.sha256;
import static ftpdlab.data.DataTestSupport.tempFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.WireClient;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ABOR, QUIT, NOOP and STAT while a transfer is in flight, and uploads that end badly: the old
 * file must survive and no temporary file may stay behind. Raw sockets throughout, so the test
 * decides exactly when each byte and each command goes out.
 */
@ExtendWith(NoLeaksExtension.class)
class AbortTest {

    /** Far more than loopback socket buffers hold, so a download that is not read really stalls. */
    private static final int BIG = 64 << 20;

    private static TestServer ts;
    private static String bigSha;
    private static byte[] bigHead;
    private static byte[] small;
    private static final AtomicInteger dirs = new AtomicInteger();
    private static final AtomicInteger provokedFailures = new AtomicInteger();

    @BeforeAll
    static void start() {
        ts = new TestServer().start();
        byte[] big = randomBytes(BIG, 42);
        bigSha = sha256(big);
        bigHead = Arrays.copyOf(big, 64 * 1024);
        ts.write("big.bin", big);
        small = randomBytes(10_000, 43);
        ts.write("small.bin", small);
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(ts.stat("transfers.failed")).as("transfers.failed").isEqualTo(provokedFailures.get());
        } finally {
            ts.close();
        }
    }

    private static String freshDir() throws IOException {
        String d = "a" + dirs.incrementAndGet();
        Files.createDirectories(ts.file(d));
        return d;
    }

    @Test
    void aborDuringALargeRetrAnswers426Then226AndTheSessionGoesOn() throws Exception {
        try (WireClient f = WireClient.login(ts)) {
            InetSocketAddress a = f.epsv();
            f.send("RETR big.bin");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                byte[] head = data.getInputStream().readNBytes(bigHead.length);
                assertThat(head).isEqualTo(bigHead);

                f.send("ABOR");
                provokedFailures.incrementAndGet();
                WireClient.Reply first = f.replyOrEof();
                WireClient.Reply second = f.replyOrEof();
                assertThat(first.code()).as("reply for the aborted RETR: %s", first).isEqualTo(426);
                assertThat(second.code()).as("reply for ABOR: %s", second).isEqualTo(226);
            }
            // Nothing else is queued: the next reply is NOOP's own.
            f.expect("NOOP", 200);
            assertThat(retrSmall(f)).isEqualTo(small);
        }
    }

    @Test
    void aborWithNoTransferIs225Or226() throws Exception {
        try (WireClient f = WireClient.login(ts)) {
            WireClient.Reply r = f.command("ABOR");
            assertThat(r.code()).as(r.text()).isIn(225, 226);
            f.expect("NOOP", 200);
        }
    }

    @Test
    void aborWhileTheServerWaitsForThePassiveConnectionClosesTheListener() throws Exception {
        try (WireClient f = WireClient.login(ts)) {
            InetSocketAddress a = f.epsv();
            f.send("RETR small.bin");
            // The command is in progress (waiting for our connection): 426 for it, then 226 for ABOR.
            f.send("ABOR");
            WireClient.Reply first = f.replyOrEof();
            WireClient.Reply second = f.replyOrEof();
            assertThat(first.code()).as(first.text()).isEqualTo(426);
            assertThat(second.code()).as(second.text()).isEqualTo(226);
            await("passive listener closed").atMost(Duration.ofSeconds(5)).until(() -> WireClient.refuses(a));
            f.expect("NOOP", 200);
            assertThat(retrSmall(f)).isEqualTo(small);
        }
    }

    @Test
    void storAbortedHalfwayKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        String dir = freshDir();
        Path dirPath = ts.file(dir);
        byte[] old = randomBytes(300_000, 44);
        Path target = ts.write(dir + "/keep.bin", old);
        byte[] replacement = randomBytes(1 << 20, 45);
        try (WireClient f = WireClient.login(ts)) {
            f.expect("CWD " + dir, 250);
            InetSocketAddress a = f.epsv();
            f.send("STOR keep.bin");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                OutputStream out = data.getOutputStream();
                out.write(replacement, 0, replacement.length / 2);
                out.flush();
                await("upload in progress (temp file)").atMost(Duration.ofSeconds(5))
                        .until(() -> !tempFiles(dirPath).isEmpty());

                // The data socket stays open: only ABOR may end this upload.
                f.send("ABOR");
                provokedFailures.incrementAndGet();
                WireClient.Reply first = f.replyOrEof();
                WireClient.Reply second = f.replyOrEof();
                assertThat(first.code()).as(first.text()).isEqualTo(426);
                assertThat(second.code()).as(second.text()).isEqualTo(226);
            }
            f.expect("NOOP", 200);
        }
        assertThat(sha256(target)).as("old content intact").isEqualTo(sha256(old));
        await("temporary file removed").atMost(Duration.ofSeconds(5)).until(() -> tempFiles(dirPath).isEmpty());
        assertThat(sha256(target)).isEqualTo(sha256(old));
    }

    @Test
    void aDataConnectionResetMidUploadKeepsTheOldFile() throws Exception {
        String dir = freshDir();
        Path dirPath = ts.file(dir);
        byte[] old = randomBytes(300_000, 46);
        Path target = ts.write(dir + "/keep.bin", old);
        byte[] replacement = randomBytes(1 << 20, 47);
        try (WireClient f = WireClient.login(ts)) {
            f.expect("CWD " + dir, 250);
            InetSocketAddress a = f.epsv();
            f.send("STOR keep.bin");
            Socket data = WireClient.connectData(a);
            assertThat(f.replyOrEof().code()).isEqualTo(150);
            data.getOutputStream().write(replacement, 0, replacement.length / 2);
            data.getOutputStream().flush();
            await("upload in progress (temp file)").atMost(Duration.ofSeconds(5))
                    .until(() -> !tempFiles(dirPath).isEmpty());

            data.setSoLinger(true, 0);
            data.close(); // RST, not FIN: the upload did not end, it broke
            provokedFailures.incrementAndGet();
            WireClient.Reply r = f.replyOrEof();
            assertThat(r.code()).as("STOR reply after a reset: %s", r).isIn(426, 451);
            f.expect("NOOP", 200);
        }
        assertThat(sha256(target)).as("old content intact").isEqualTo(sha256(old));
        await("temporary file removed").atMost(Duration.ofSeconds(5)).until(() -> tempFiles(dirPath).isEmpty());
    }

    @Test
    void quitDuringATransferAnswersTheTransferFirstThen221() throws Exception {
        try (WireClient f = WireClient.login(ts)) {
            InetSocketAddress a = f.epsv();
            f.send("RETR big.bin");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                InputStream in = new DigestInputStream(data.getInputStream(), d);
                assertThat(in.readNBytes(64 * 1024)).isEqualTo(bigHead);
                // Still in flight: 64 MiB cannot sit in socket buffers.
                WireClient.Reply stat = f.command("STAT");
                assertThat(stat.code()).as(stat.text()).isIn(211, 212, 213);
                assertThat(stat.text()).contains("RETR");

                f.send("QUIT");
                in.transferTo(OutputStream.nullOutputStream());
                assertThat(HexFormat.of().formatHex(d.digest())).as("the transfer completes after QUIT").isEqualTo(bigSha);
            }
            WireClient.Reply transfer = f.replyOrEof();
            assertThat(transfer).as("reply after QUIT").isNotNull();
            assertThat(transfer.code()).as(transfer.text()).isEqualTo(226);
            WireClient.Reply bye = f.replyOrEof();
            assertThat(bye).isNotNull();
            assertThat(bye.code()).as(bye.text()).isEqualTo(221);
            assertThat(f.replyOrEof()).as("control connection closed after 221").isNull();
        }
    }

    @Test
    void noopAndStatAreAnsweredWhileThePassiveTransferWaitsForItsConnection() throws Exception {
        try (WireClient f = WireClient.login(ts)) {
            InetSocketAddress a = f.epsv();
            f.send("RETR small.bin");
            f.expect("NOOP", 200);
            WireClient.Reply stat = f.command("STAT");
            assertThat(stat.code()).as(stat.text()).isIn(211, 212, 213);
            assertThat(stat.text()).contains("RETR");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                assertThat(data.getInputStream().readAllBytes()).isEqualTo(small);
            }
            assertThat(f.replyOrEof().code()).isEqualTo(226);
            f.expect("NOOP", 200);
        }
    }

    @Test
    void noopAndStatAreAnsweredDuringASlowlyReadActiveDownload() throws Exception {
        try (WireClient f = WireClient.login(ts); ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.setSoTimeout(10_000);
            f.expect("EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|", 200);
            f.send("RETR big.bin");
            try (Socket data = listener.accept()) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                InputStream in = new DigestInputStream(data.getInputStream(), d);
                assertThat(in.readNBytes(64 * 1024)).isEqualTo(bigHead);
                f.expect("NOOP", 200);
                WireClient.Reply stat = f.command("STAT");
                assertThat(stat.code()).as(stat.text()).isIn(211, 212, 213);
                assertThat(stat.text()).contains("RETR");
                in.transferTo(OutputStream.nullOutputStream());
                assertThat(HexFormat.of().formatHex(d.digest())).isEqualTo(bigSha);
            }
            assertThat(f.replyOrEof().code()).isEqualTo(226);
            f.expect("NOOP", 200);
        }
    }

    /** A whole passive RETR of small.bin on an existing session. */
    private static byte[] retrSmall(WireClient f) throws IOException {
        InetSocketAddress a = f.epsv();
        f.send("RETR small.bin");
        byte[] got;
        try (Socket data = WireClient.connectData(a)) {
            assertThat(f.replyOrEof().code()).isEqualTo(150);
            got = data.getInputStream().readAllBytes();
        }
        assertThat(f.replyOrEof().code()).isEqualTo(226);
        return got;
    }

}
