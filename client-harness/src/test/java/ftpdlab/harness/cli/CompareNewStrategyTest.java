package ftpdlab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.bind.BindStrategies;
import ftpdlab.bind.BindStrategy;
import ftpdlab.bind.RetrySchedule;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A fifth (and sixth) strategy is one class and one registration: compare runs, reports and
 * models them by what they do, with no line of the harness naming them.
 */
class CompareNewStrategyTest {

    private static final int CLIENTS = 8;
    private static final int TRANSFERS = 3;

    /** vsftpd's active data socket: SO_REUSEADDR on the fixed port, one retry after a collision. */
    static final class VsftpdLike implements BindStrategy {

        static final String NAME = "test-vsftpd-like";

        private final Duration unit;

        VsftpdLike(Duration unit) {
            this.unit = unit;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<SocketOption<Boolean>> options() {
            return List.of(StandardSocketOptions.SO_REUSEADDR);
        }

        @Override
        public Optional<RetrySchedule> retry() {
            return Optional.of(new RetrySchedule(1, unit));
        }
    }

    /** Port 0 under a name that says nothing of it. */
    static final class AnyPort implements BindStrategy {

        static final String NAME = "test-any-port";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<SocketOption<Boolean>> options() {
            return List.of();
        }

        @Override
        public boolean fixedPort() {
            return false;
        }
    }

    @TempDir
    static Path dir;

    static List<BindStrategies.Registration> registrations;
    static RunReport report;
    static Map<String, PhaseResult> phases;

    @BeforeAll
    static void compare() throws Exception {
        registrations = List.of(BindStrategies.register(VsftpdLike.NAME, s -> new VsftpdLike(s.retryBackoff())),
                BindStrategies.register(AnyPort.NAME, s -> new AnyPort()));
        int exit = HarnessCommand.commandLine().execute("compare", "--strategies", VsftpdLike.NAME + "," + AnyPort.NAME,
                "--clients", Integer.toString(CLIENTS), "--transfers", Integer.toString(TRANSFERS), "--backoff", "5ms",
                "--quiet", "--max-duration", "2m", "--report", dir.toString(),
                "--fail-on", VsftpdLike.NAME + ":failed>0", "--fail-on", AnyPort.NAME + ":failed>0");
        assertThat(exit).isZero();
        report = JsonReport.read(dir.resolve("results.json"));
        phases = report.phases().stream().collect(Collectors.toMap(PhaseResult::name, Function.identity()));
    }

    @AfterAll
    static void unregister() {
        registrations.forEach(BindStrategies.Registration::close);
    }

    @Test
    void eachNewStrategyRanUnderItsNameAndServedEveryTransfer() {
        assertThat(report.phases()).extracting(PhaseResult::name).containsExactly(VsftpdLike.NAME, AnyPort.NAME);
        for (PhaseResult p : report.phases()) {
            assertThat(p.serverStats()).as(p.name()).containsEntry("bind.strategy", p.name());
            assertThat(p.transfers()).as(p.name()).hasSize(CLIENTS * TRANSFERS).allMatch(TransferRecord::ok);
            assertThat(p.serverCounter("transfers.ok")).as(p.name()).isEqualTo(CLIENTS * TRANSFERS);
        }
    }

    @Test
    void aFixedPortThatRetriesWithSoReuseaddrGetsTheNotesOfWhatItDoes() {
        PhaseResult p = phases.get(VsftpdLike.NAME);
        assertThat(p.serverStats()).containsEntry("bind.options", "SO_REUSEADDR").doesNotContainKey("bind.fixed-port")
                .containsEntry("bind.retry.max-tries", "1").containsEntry("bind.retry.backoff.ms", "5");
        assertThat(p.setting()).containsEntry(PhaseResult.SOCKETS_SCOPE, "port " + p.dataPort());
        assertThat(p.notes()).anyMatch(n -> n.contains("back-off unit 5 ms"))
                .anyMatch(n -> n.contains("BSD and macOS would collide"))
                .anyMatch(n -> n.startsWith("model port sharing: bind collisions predicted 0"));
    }

    @Test
    void aStrategyWithoutAFixedPortIsSampledHostWideAndModelledAsEphemeral() {
        PhaseResult p = phases.get(AnyPort.NAME);
        assertThat(p.serverStats()).containsEntry("bind.fixed-port", "false").containsEntry("bind.options", "none");
        assertThat(p.setting()).containsEntry(PhaseResult.SOCKETS_SCOPE, PhaseResult.HOST_WIDE);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("no fixed data port"))
                .anyMatch(n -> n.startsWith("model ephemeral ceiling"))
                .noneMatch(n -> n.contains("back-off unit")).noneMatch(n -> n.contains("port sharing"));
    }

    @Test
    void compareHelpListsTheRegisteredStrategies() {
        StringWriter out = new StringWriter();
        CommandLine cl = HarnessCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("compare", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains(String.join(", ", BindStrategies.names())).contains(VsftpdLike.NAME, AnyPort.NAME);
    }
}
