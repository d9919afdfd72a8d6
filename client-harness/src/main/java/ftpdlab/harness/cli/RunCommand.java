package ftpdlab.harness.cli;

import ftpdlab.harness.load.HarnessException;
import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.phase.PhaseRunner;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.Summary;
import ftpdlab.harness.report.Threshold;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Loads any FTP server: ftpd, vsftpd, ProFTPD, pure-ftpd, Apache FtpServer. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Drive parallel transfers against an FTP server and report what happened to each.")
final class RunCommand implements Callable<Integer> {

    /** run's one phase is named for the command, not for a strategy it cannot know. */
    static final String PHASE = "run";

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2121", description = "Server control port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--user", defaultValue = "anonymous", description = "Login (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "ftpd-lab@example.com", description = "Password (default: an e-mail address, for anonymous).")
    String password;

    @Option(names = "--data-port", defaultValue = "-1",
            description = "The server's active data port, for sampling socket states when it runs on this host "
                    + "(default: what SITE STATS says, if the server answers it).")
    int dataPort;

    @Option(names = "--warmup", defaultValue = "0s",
            description = "First run the same load (its transfers, for at most this long), unmeasured and in no report: the harness's own code, "
                    + "and a JVM server's, gets compiled, a forking server starts its workers. The warm-up's TIME_WAIT sockets "
                    + "(60 s) still count in the measured phase's socket columns. 2s, 30s or PT5S (default ${DEFAULT-VALUE}: none).")
    String warmup;

    @Mixin
    LoadOptions load;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadPlan plan;
        List<Threshold> thresholds;
        Duration warm;
        try {
            plan = load.plan(host, port, user, password);
            thresholds = load.output.thresholds(List.of(PHASE));
            warm = LoadOptions.option("--warmup", warmup, Duration.ZERO, Duration.ofHours(1));
        } catch (IllegalArgumentException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_USAGE, e.getMessage());
        }
        Interrupts interrupts = new Interrupts();
        try {
            List<String> notes = warm.isZero() ? List.of() : List.of(warmUp(plan, warm, interrupts));
            if (interrupts.interrupted()) {
                return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "interrupted during the warm-up; nothing measured");
            }
            PhaseResult result;
            try (Progress progress = Progress.start(PHASE, plan.requested(), load.output.quiet)) {
                result = new PhaseRunner(interrupts::running).run(PHASE, plan, dataPort, isLocal(host), notes,
                        load.setting, progress::step);
            }
            return Results.publish(List.of(result), spec, load, thresholds);
        } catch (HarnessException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, e.getMessage());
        } catch (java.io.IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "cannot write the report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "interrupted");
        } finally {
            interrupts.done();
        }
    }

    /**
     * The same load for {@code warm}, with nothing sampled or kept: a JVM compiles its hot code in
     * its first seconds of load, and a measurement that starts cold counts that work as the cost
     * of the transfers it measures (2.3 s of compiler threads in a fresh harness, on 2 cores).
     *
     * @return the note the measured phase carries about it
     */
    private String warmUp(LoadPlan plan, Duration warm, Interrupts interrupts) throws HarnessException, InterruptedException {
        PhaseResult r = new PhaseRunner(interrupts::running).run("warm-up", plan.lasting(warm), dataPort, false, List.of(),
                load.setting, t -> { });
        Summary s = Summary.of(r);
        return String.format(Locale.ROOT, "warm-up before this phase, not counted: %d transfers in %.1f s (%d failed)",
                s.ok() + s.failed(), r.durationMs() / 1000.0, s.failed());
    }

    /** The server's sockets are in this host's /proc only if its address is one of ours. */
    static boolean isLocal(String host) {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }
}
