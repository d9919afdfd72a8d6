package ftpdlab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.LogCapture;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8: one transfer log line per transfer, 425 and 426 included, with the bytes that actually moved. */
@ExtendWith(NoLeaksExtension.class)
class TransferLogTest {

    @TempDir
    Path dir;

    @Test
    void aCompleteTransferAGiveUpAndAnAbortEachWriteOneXferlogLine() throws Exception {
        Path xferlog = dir.resolve("xferlog");
        try (TestServer ts = new TestServer().strategy("retry").with("data.retry.max-tries", "0")
                .with("log.xferlog", xferlog.toString()).start()) {
            ts.write("small.bin", new byte[1000]);
            ts.write("big.bin", new byte[32 << 20]);

            FTPClient c = ts.client(true);
            assertThat(c.retrieveFile("small.bin", new ByteArrayOutputStream())).isTrue();
            // 425: the fixed data port is taken, and retry with no retries gives up at once.
            try (ServerSocket taken = new ServerSocket(ts.dataPort(), 1, InetAddress.getByName("127.0.0.1"))) {
                c.enterLocalActiveMode();
                assertThat(c.retrieveFile("small.bin", new ByteArrayOutputStream())).isFalse();
                assertThat(c.getReplyCode()).isEqualTo(425);
            }
            c.disconnect();

            long head;
            try (WireClient f = WireClient.login(ts)) {
                InetSocketAddress a = f.epsv();
                f.send("RETR big.bin");
                try (Socket data = WireClient.connectData(a)) {
                    assertThat(f.replyOrEof().code()).isEqualTo(150);
                    head = data.getInputStream().readNBytes(1 << 20).length;
                    f.send("ABOR");
                    assertThat(f.replyOrEof().code()).isEqualTo(426);
                    assertThat(f.replyOrEof().code()).isEqualTo(226);
                }
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(xferlog).size() == 3);
            List<String[]> lines = Files.readAllLines(xferlog).stream().map(l -> l.split(" +")).toList();
            // ctime date (5 fields), seconds, host, bytes, path, type, _, direction, access, user, ftp, 0, *, status
            String[] ok = lines.get(0);
            assertThat(ok).hasSize(18);
            assertThat(List.of(ok).subList(6, 18))
                    .containsExactly("127.0.0.1", "1000", "/small.bin", "b", "_", "o", "r", "alice", "ftp", "0", "*", "c");
            String[] gaveUp = lines.get(1);
            assertThat(List.of(gaveUp).subList(7, 9)).containsExactly("0", "/small.bin");
            assertThat(gaveUp[17]).isEqualTo("i");
            String[] aborted = lines.get(2);
            assertThat(aborted[8]).isEqualTo("/big.bin");
            assertThat(Long.parseLong(aborted[7])).as("bytes that actually moved, not 0")
                    .isGreaterThanOrEqualTo(head).isLessThan(32 << 20);
            assertThat(aborted[17]).isEqualTo("i");
        }
    }

    @Test
    void theXferlogLineHasWuFtpdsFieldsAndNoSpaceInsideOne() {
        var e = new TransferLog.Entry(7, "::1", "bob smith", true, "STOR", "/in/a b.txt", true, true, true, 226,
                42, 1500, 0, 0);
        String line = TransferLog.xferlogLine(e, ZonedDateTime.of(2025, 6, 1, 14, 3, 7, 0, ZoneOffset.UTC));
        assertThat(line).isEqualTo("Sun Jun  1 14:03:07 2025 2 ::1 42 /in/a_b.txt a _ i a bob_smith ftp 0 * c");
    }

    /** Login review finding 3: a path with CR and ESC reaches the transfer log line with them replaced. */
    @Test
    void controlCharactersInAPathDoNotReachTheLogLine() throws Exception {
        try (LogCapture logs = LogCapture.of("ftpdlab.transfer");
             TransferLog t = TransferLog.open(null)) {
            t.record(new TransferLog.Entry(7, "::1", "bob\u001b[2J", false, "RETR", "/a\rFAKE LINE", true, false,
                    false, 226, 42, 1500, 0, 0));
            assertThat(logs.lines()).singleElement().asString().contains("user=bob?[2J", "path=/a?FAKE LINE")
                    .doesNotContain("\r", "\u001b");
        }
    }
}
