package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.DataFault;
import ftpdlab.testing.DataPeer;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 7 finding 5: upload scratch files are cleaned up, and no command can see or touch one. */
@ExtendWith(NoLeaksExtension.class)
class TempFileTest {

    /** A scratch name as the server makes them, and one as older versions made them. */
    private static final String LIVE = ".abcdefghijkl" + FileUpload.TEMP_SUFFIX;
    private static final String OLD = ".report.txt8123456" + FileUpload.TEMP_SUFFIX;

    @Test
    void leftoversOfAKilledServerAreRemovedAtStartUp() throws IOException {
        try (TestServer ts = new TestServer()) {
            ts.write(LIVE, "half".getBytes(StandardCharsets.UTF_8));
            ts.write("sub/deeper/" + OLD, "half".getBytes(StandardCharsets.UTF_8));
            ts.write("sub/keep.txt", "kept".getBytes(StandardCharsets.UTF_8));
            ts.start();
            assertThat(scratchFilesUnder(ts.root())).isEmpty();
            assertThat(ts.file("sub/keep.txt")).hasContent("kept");
        }
    }

    @Test
    void noCommandSeesOrTouchesAScratchFile() throws IOException {
        try (TestServer ts = new TestServer().start(); WireClient f = WireClient.login(ts)) {
            ts.write("dir/" + LIVE, "half".getBytes(StandardCharsets.UTF_8));
            ts.write("dir/real.txt", "real".getBytes(StandardCharsets.UTF_8));
            String temp = "dir/" + LIVE;
            for (String verb : List.of("SIZE", "MDTM", "MLST", "DELE", "RNFR", "CWD", "RMD", "MKD")) {
                f.expect(verb + " " + temp, 550);
            }
            f.expect("RNFR dir/real.txt", 350);
            f.expect("RNTO " + temp, 550);
            assertThat(f.command("STAT dir").text()).contains("real.txt").doesNotContain(LIVE);
            for (String verb : List.of("NLST", "LIST", "MLSD")) {
                assertThat(listing(f, verb + " dir")).contains("real.txt").doesNotContain(LIVE);
            }
            InetSocketAddress a = f.epsv();
            f.send("RETR " + temp);
            WireClient.Reply retr = f.replyOrEof();
            assertThat(retr.code()).as(retr.text()).isEqualTo(550);
            f.epsv();
            f.expect("STOR " + temp, 550);
            f.expect("APPE " + temp, 550);
            assertThat(ts.file(temp)).hasContent("half");
            assertThat(ts.file("dir/real.txt")).hasContent("real");
            assertThat(a).isNotNull();
        }
    }

    /** The directory of a STOR is renamed while data flows: the file lands in it, under its new name, and no scratch file is left. */
    @Test
    void storWhoseDirectoryIsRenamedMeanwhileLeavesNoScratchFile() throws IOException {
        try (TestServer ts = new TestServer().start(); WireClient f = WireClient.login(ts); WireClient other = WireClient.login(ts)) {
            Files.createDirectories(ts.file("up"));
            InetSocketAddress a = f.epsv();
            f.send("STOR up/file.bin");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                OutputStream out = data.getOutputStream();
                out.write("first half, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                await("the upload writes its scratch file").atMost(Duration.ofSeconds(5))
                        .until(() -> !scratchFilesUnder(ts.root()).isEmpty());
                other.expect("RNFR up", 350);
                other.expect("RNTO moved", 250);
                out.write("second half".getBytes(StandardCharsets.UTF_8));
            }
            WireClient.Reply end = f.replyOrEof();
            assertThat(end.code()).as(end.text()).isEqualTo(226);
            assertThat(ts.file("moved/file.bin")).hasContent("first half, second half");
            assertThat(scratchFilesUnder(ts.root())).isEmpty();
        }
    }

    @Test
    void aStouThatNeverGetsItsDataConnectionLeavesNoClaimedName() throws IOException {
        try (TestServer ts = new TestServer().start(); WireClient f = WireClient.login(ts);
                DataPeer refused = DataPeer.active(ts, DataFault.REFUSE)) {
            Files.createDirectories(ts.file("stou"));
            f.expect("CWD stou", 250);
            f.expect(refused.eprt(), 200);
            f.send("STOU base");
            WireClient.Reply end = f.replyOrEof();
            assertThat(end.code()).as(end.text()).isEqualTo(425);
            try (Stream<Path> left = Files.list(ts.file("stou"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    private static String listing(WireClient f, String command) throws IOException {
        InetSocketAddress a = f.epsv();
        f.send(command);
        String text;
        try (Socket data = WireClient.connectData(a)) {
            assertThat(f.replyOrEof().code()).isEqualTo(150);
            text = new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(f.replyOrEof().code()).isEqualTo(226);
        return text;
    }

    static List<Path> scratchFilesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(FileUpload.TEMP_SUFFIX))
                    .collect(Collectors.toList());
        }
    }
}
