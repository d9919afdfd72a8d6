package ftpdlab.harness.cli;

import ftpdlab.bind.BindStrategies;
import ftpdlab.config.Durations;
import ftpdlab.harness.load.HarnessException;
import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.observe.BindFacts;
import ftpdlab.harness.phase.EmbeddedFtpd;
import ftpdlab.harness.phase.PhaseRunner;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.Threshold;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The same load against an embedded ftpd per bind strategy, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the same load against an embedded ftpd for each bind strategy and compare them.")
final class CompareCommand implements Callable<Integer> {

    static final Duration SCALED_BACKOFF = Duration.ofMillis(100);
    static final Duration BSD_BACKOFF = Duration.ofSeconds(1);

    @Option(names = "--strategies", split = ",", paramLabel = "NAME", completionCandidates = RegisteredStrategies.class,
            description = "Strategies to compare, in order: any of ${COMPLETION-CANDIDATES} (default: all of them, in this order).")
    List<String> strategies;

    /** The registry's names, read when help is drawn: a new strategy shows up without an edit here. */
    static final class RegisteredStrategies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BindStrategies.names().iterator();
        }
    }

    @Option(names = "--faithful", description = "Use BSD ftpd's real 1 s back-off unit for retry (default: 100 ms, so the run stays short).")
    boolean faithful;

    @Option(names = "--backoff", hidden = true, description = "Back-off unit for retry, overriding the default (tests use a few ms).")
    String backoff;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the embedded servers listen on (default ${DEFAULT-VALUE}; ::1 works).")
    String host;

    @Mixin
    LoadOptions load;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration unit;
        List<Threshold> thresholds;
        List<String> names = strategies == null ? BindStrategies.names()
                : strategies.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        try {
            for (String s : names) {
                if (!BindStrategies.names().contains(s)) {
                    throw new IllegalArgumentException("unknown strategy '" + s + "' in --strategies; allowed: "
                            + String.join(", ", BindStrategies.names()));
                }
            }
            load.plan(host, 0, EmbeddedFtpd.USER, "-");
            thresholds = load.output.thresholds(names);
            unit = backoff != null ? Durations.parse(backoff) : faithful ? BSD_BACKOFF : SCALED_BACKOFF;
        } catch (IllegalArgumentException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_USAGE, e.getMessage());
        }
        if (!load.output.quiet) {
            System.err.printf("compare: %d clients x %d transfers, %s %s, %s mode; %s%n", load.clients, load.transfers,
                    load.op, load.size, load.mode, backoffNote(unit));
        }
        Interrupts interrupts = new Interrupts();
        List<PhaseResult> phases = new ArrayList<>();
        try {
            for (String strategy : names) {
                try (EmbeddedFtpd ftpd = new EmbeddedFtpd(host, strategy, unit, load.clients)) {
                    if (!load.output.quiet) {
                        System.err.printf("phase %s: ftpd on %s:%d, active data from port %d%n", strategy, ftpd.host(),
                                ftpd.port(), ftpd.dataPort());
                    }
                    LoadPlan plan = load.plan(ftpd.host(), ftpd.port(), EmbeddedFtpd.USER, ftpd.password());
                    try (Progress progress = Progress.start(strategy, plan.requested(), load.output.quiet)) {
                        phases.add(new PhaseRunner(interrupts::running).run(strategy, plan, ftpd.dataPort(), true,
                                notes(ftpd.bind(), ftpd.dataPort(), unit), load.setting, progress::step));
                    }
                }
                if (interrupts.interrupted()) {
                    break;
                }
            }
            return Results.publish(phases, spec, load, thresholds);
        } catch (HarnessException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, e.getMessage());
        } catch (IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "embedded ftpd or report failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "interrupted");
        } finally {
            interrupts.done();
        }
    }

    private static String backoffNote(Duration unit) {
        if (unit.equals(BSD_BACKOFF)) {
            return "retry back-off unit 1 s, as BSD ftpd (up to 55 s per give-up)";
        }
        return "retry back-off unit " + unit.toMillis() + " ms, scaled down from BSD ftpd's 1 s so the run stays short"
                + " (--faithful for the real unit)";
    }

    /** What the reader of a phase should know of its server, from how it binds (its traits, not its name). */
    static List<String> notes(BindFacts bind, int dataPort, Duration unit) {
        List<String> notes = new ArrayList<>();
        notes.add("fresh data port " + dataPort + " for this phase");
        if (bind.retries()) {
            notes.add(backoffNote(unit));
        }
        if (bind.fixedPort() && bind.reuseAddressOnly()) {
            boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
            notes.add(linux
                    ? "0 collisions on Linux, which lets non-listening sockets that all set SO_REUSEADDR share a port;"
                            + " BSD and macOS would collide here (EADDRINUSE on the second bind)"
                    : "on " + System.getProperty("os.name") + " the second bind of a shared port collides unless SO_REUSEPORT is set");
        }
        return notes;
    }
}
