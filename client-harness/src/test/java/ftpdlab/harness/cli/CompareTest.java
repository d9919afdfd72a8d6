package ftpdlab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketStateSampler;
import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare in-process against real embedded servers, with a small load and a back-off of a few ms. */
class CompareTest {

    private static final int CLIENTS = 8;
    private static final int TRANSFERS = 3;

    @TempDir
    static Path dir;

    static RunReport report;
    static Map<String, PhaseResult> phases;

    @BeforeAll
    static void compare() throws Exception {
        // the done-when: thresholds that hold on the demo load let the run exit 0
        int exit = HarnessCommand.commandLine().execute("compare", "--clients", Integer.toString(CLIENTS),
                "--transfers", Integer.toString(TRANSFERS), "--backoff", "5ms", "--quiet", "--max-duration", "2m",
                "--report", dir.toString(), "--fail-on", "reuseport:failed>0", "--fail-on", "retry:collisions==0");
        assertThat(exit).isZero();
        report = JsonReport.read(dir.resolve("results.json"));
        phases = report.phases().stream().collect(Collectors.toMap(PhaseResult::name, Function.identity()));
    }

    @Test
    void everyStrategyRanInOrderOnItsOwnDataPort() {
        assertThat(report.phases()).extracting(PhaseResult::name).containsExactly("retry", "reuseport", "reuseaddr", "ephemeral");
        assertThat(report.phases()).extracting(PhaseResult::dataPort).doesNotHaveDuplicates().allMatch(p -> p > 0);
        assertThat(report.phases()).allSatisfy(p -> assertThat(p.serverStats()).containsEntry("bind.strategy", p.name()));
    }

    @Test
    void everyRequestedTransferIsAccountedFor() {
        for (PhaseResult p : report.phases()) {
            long ok = p.transfers().stream().filter(TransferRecord::ok).count();
            long failed = p.transfers().size() - ok;
            assertThat(ok + failed).as(p.name()).isEqualTo(CLIENTS * TRANSFERS);
        }
    }

    @Test
    void retryCollidesRetriesAndGivesUp() {
        PhaseResult retry = phases.get("retry");
        assertThat(retry.serverCounter("bind.collisions")).isGreaterThan(0);
        assertThat(retry.serverCounter("bind.retries")).isGreaterThan(0);
        assertThat(retry.serverCounter("bind.giveups")).isGreaterThan(0);
        long client425 = retry.transfers().stream().filter(t -> t.replyCode() == 425).count();
        assertThat(client425).isEqualTo(retry.serverCounter("bind.giveups"));
        assertThat(retry.notes()).anyMatch(n -> n.contains("back-off unit 5 ms"));
    }

    @Test
    void reuseportNeverCollidesOrFails() {
        PhaseResult p = phases.get("reuseport");
        assertThat(p.serverCounter("bind.collisions")).isZero();
        assertThat(p.transfers()).allMatch(TransferRecord::ok);
        assertThat(p.serverCounter("transfers.failed")).isZero();
        assertThat(p.serverCounter("transfers.ok")).isEqualTo(CLIENTS * TRANSFERS);
    }

    @Test
    void reuseaddrExplainsThePlatformDifference() {
        assertThat(phases.get("reuseaddr").notes()).anyMatch(n -> n.contains("BSD and macOS would collide"));
    }

    @Test
    void socketStatesOfTheDataPortWereSampled() {
        // Downloads end with the server closing first: TIME_WAIT piles up on the fixed port.
        assertThat(phases.get("reuseport").sockets()).isNotEmpty();
        assertThat(phases.get("reuseport").sockets()).anyMatch(s -> s.timeWait() > 0);
    }

    @Test
    void theReportFilesAreWritten() throws Exception {
        assertThat(dir.resolve("transfers.csv")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("transfers.csv"))).hasSize(1 + 4 * CLIENTS * TRANSFERS);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("retry", "reuseport",
                "<div class=\"plots\" data-chart=\"timeline\">");
    }

    @Test
    void reportRedrawsTheSavedResults() throws Exception {
        Path again = dir.resolve("again");
        int exit = HarnessCommand.commandLine().execute("report", dir.resolve("results.json").toString(),
                "--out", again.toString());
        assertThat(exit).isZero();
        assertThat(JsonReport.read(again.resolve("results.json"))).isEqualTo(report);
        // the same report gives the same page, byte for byte
        assertThat(Files.readString(again.resolve("report.html"))).isEqualTo(Files.readString(dir.resolve("report.html")));
    }

    @Test
    void socketsAreCountedThroughTheKernelsFilterAndTheSourceIsRecorded() {
        String expected = SocketStateSampler.hostCounter().name();
        for (PhaseResult p : report.phases()) {
            assertThat(p.setting()).as(p.name()).containsEntry(PhaseResult.SOCKETS_SOURCE, expected);
        }
        assertThat(phases.get("reuseport").setting()).containsEntry(PhaseResult.SOCKETS_SCOPE,
                "port " + phases.get("reuseport").dataPort());
        // ephemeral has no fixed port: its counts are the host's, and say so
        assertThat(phases.get("ephemeral").setting()).containsEntry(PhaseResult.SOCKETS_SCOPE, PhaseResult.HOST_WIDE);
        assertThat(phases.get("ephemeral").summary().socketScope()).isEqualTo(PhaseResult.HOST_WIDE);
        assertThat(phases.get("reuseport").summary().socketScope()).isEqualTo("port");
    }

    @Test
    void theHarnessCostIsMeasuredPerPhase() {
        for (PhaseResult p : report.phases()) {
            assertThat(p.cpu().clientMs()).as(p.name()).isGreaterThan(0);
            // the whole JVM includes the client threads (and here the embedded ftpd)
            assertThat(p.cpu().processMs()).as(p.name()).isGreaterThanOrEqualTo(p.cpu().clientMs());
            assertThat(p.summary().clientCpuMsPerTransfer()).isEqualTo(p.cpu().clientMs() / (double) p.transfers().size());
        }
    }

    @Test
    void moreClientsThanThePreLoginDefaultAllowsFromOneAddressAllGetIn(@TempDir Path out) throws Exception {
        // 48 connect at once and wait for their password hashes: over the pre-login default of 32 an address.
        int clients = 48;
        int exit = HarnessCommand.commandLine().execute("compare", "--strategies", "reuseport", "--clients",
                Integer.toString(clients), "--transfers", "1", "--quiet", "--max-duration", "2m", "--report", out.toString());
        PhaseResult p = JsonReport.read(out.resolve("results.json")).phases().get(0);
        assertThat(p.transfers()).hasSize(clients).noneMatch(t -> t.replyCode() == 421).allMatch(TransferRecord::ok);
        assertThat(exit).isZero();
    }

    @Test
    void theEmbeddedServersPasswordIsNotInTheReport() throws Exception {
        assertThat(report.phases()).allSatisfy(p -> assertThat(p.plan().password()).isEqualTo(LoadPlan.REDACTED));
    }
}
