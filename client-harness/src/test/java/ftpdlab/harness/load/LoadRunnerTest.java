package ftpdlab.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.config.ConfigLoader;
import ftpdlab.server.FtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The load against a real in-process ftpd: what each transfer checks, and that a wrong file is caught. */
class LoadRunnerTest {

    private static final int CLIENTS = 4;
    private static final int TRANSFERS = 6;

    @TempDir
    Path root;

    private FtpServer server;

    @BeforeEach
    void start() throws IOException {
        int dataPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dataPort = s.getLocalPort();
        }
        server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0", "data.port", Integer.toString(dataPort),
                "fs.root", root.toString(), "auth.user", "bob", "auth.password", "pw"))).start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private LoadPlan plan(Op op, Mode mode, String remoteFile) {
        return new LoadPlan("127.0.0.1", server.port(), "bob", "pw", CLIENTS, TRANSFERS, op, 1024, remoteFile, mode,
                List.of(), Duration.ofMinutes(1), Duration.ZERO);
    }

    private static List<TransferRecord> run(LoadPlan plan, TestContent content, LoadSetup.Download download)
            throws Exception {
        List<TransferRecord> records = new LoadRunner(plan, content, download).run(r -> { });
        assertThat(records).hasSize(CLIENTS * TRANSFERS);
        return records;
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"RETR", "MIXED"})
    void everyTransferIsVerifiedInBothModes(Op op) throws Exception {
        for (Mode mode : Mode.values()) {
            LoadPlan plan = plan(op, mode, null);
            TestContent content = TestContent.ofSize(plan.sizeBytes());
            List<TransferRecord> records = run(plan, content, LoadSetup.prepare(plan, content));
            assertThat(records).as(mode.name()).allSatisfy(r -> {
                assertThat(r.ok()).as(r.toString()).isTrue();
                assertThat(r.replyCode()).isEqualTo(226);
                assertThat(r.exception()).isNull();
                assertThat(r.to150Ms()).isBetween(0L, r.totalMs());
            });
            assertThat(records).filteredOn(r -> r.op() != Op.LIST).allMatch(r -> r.bytes() == 1024);
        }
        // every STOR cleaned up after itself: only the set-up's file is left
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ftpd-lab-harness-1024.bin");
        }
    }

    @Test
    void aFileAlteredUnderTheHarnessFailsEveryDownloadDespiteThe226() throws Exception {
        LoadPlan plan = plan(Op.RETR, Mode.ACTIVE, null);
        TestContent content = TestContent.ofSize(plan.sizeBytes());
        LoadSetup.Download download = LoadSetup.prepare(plan, content);
        byte[] altered = content.bytes().clone();
        altered[700] ^= 1;
        Files.write(root.resolve(download.name()), altered);

        assertThat(run(plan, content, download)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isEqualTo(226);
            assertThat(r.replyText()).startsWith("226");
            assertThat(r.bytes()).isEqualTo(1024);
            assertThat(r.exception()).isNull();
        });
    }

    @Test
    void aTruncatedOrLongerFileFailsEveryDownload() throws Exception {
        LoadPlan plan = plan(Op.RETR, Mode.ACTIVE, null);
        TestContent content = TestContent.ofSize(plan.sizeBytes());
        LoadSetup.Download download = LoadSetup.prepare(plan, content);
        Path file = root.resolve(download.name());

        Files.write(file, java.util.Arrays.copyOf(content.bytes(), 1023));
        assertThat(run(plan, content, download)).allMatch(r -> !r.ok() && r.bytes() == 1023 && r.replyCode() == 226);

        Files.write(file, java.util.Arrays.copyOf(content.bytes(), 1025));
        assertThat(run(plan, content, download)).allMatch(r -> !r.ok() && r.bytes() == 1025 && r.replyCode() == 226);
    }

    @Test
    void aRemoteFileIsLearntOnceAndLaterChangesAreCaught() throws Exception {
        byte[] theirs = "a file the harness did not write\n".repeat(100).getBytes();
        Files.write(root.resolve("theirs.txt"), theirs);
        LoadPlan plan = plan(Op.RETR, Mode.PASSIVE, "theirs.txt");
        TestContent content = TestContent.ofSize(plan.sizeBytes());
        LoadSetup.Download download = LoadSetup.prepare(plan, content);
        assertThat(download.expected().size()).isEqualTo(theirs.length);
        assertThat(run(plan, content, download)).allMatch(r -> r.ok() && r.bytes() == theirs.length);

        theirs[0] = 'A';
        Files.write(root.resolve("theirs.txt"), theirs);
        assertThat(run(plan, content, download)).allMatch(r -> !r.ok() && r.replyCode() == 226);
    }

    @Test
    void aMissingFileIsAFailureWithTheServersReplyAndNoDataConnection() throws Exception {
        LoadPlan plan = plan(Op.RETR, Mode.ACTIVE, null);
        TestContent content = TestContent.ofSize(plan.sizeBytes());
        LoadSetup.Download download = LoadSetup.prepare(plan, content);
        Files.delete(root.resolve(download.name()));

        assertThat(run(plan, content, download)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isEqualTo(550);
            assertThat(r.to150Ms()).isEqualTo(-1);
            assertThat(r.bytes()).isZero();
        });
    }
}
