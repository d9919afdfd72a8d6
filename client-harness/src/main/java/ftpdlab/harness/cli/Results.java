package ftpdlab.harness.cli;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.report.ConsoleTable;
import ftpdlab.harness.report.CsvReport;
import ftpdlab.harness.report.HtmlReport;
import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import ftpdlab.harness.report.Threshold;
import ftpdlab.harness.report.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The end of every command that has results: the verdict and the table, the report files, the
 * thresholds' exit status. The same for run, compare, report, a finished run and an interrupted one.
 */
final class Results {

    private static final String PASSWORD_OPTION = "--password";

    private Results() {
    }

    static RunReport report(String command, List<PhaseResult> phases) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return new RunReport(RunReport.SCHEMA_VERSION, command,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(), host,
                System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), phases);
    }

    /** The command line as typed, with the value of --password replaced: reports are shared, passwords are not. */
    static String command(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(PASSWORD_OPTION) && i + 1 < args.size()) {
                out.add(a);
                out.add(LoadPlan.REDACTED);
                i++;
            } else if (a.startsWith(PASSWORD_OPTION + "=")) {
                out.add(PASSWORD_OPTION + "=" + LoadPlan.REDACTED);
            } else {
                out.add(a);
            }
        }
        return "client-harness " + String.join(" ", out);
    }

    /** The verdict lines, the table, and with verbose the notes. */
    static void print(PrintStream out, List<PhaseResult> phases, boolean verbose) {
        out.println();
        Verdict.lines(phases).forEach(out::println);
        out.println();
        out.print(ConsoleTable.render(phases));
        if (verbose) {
            out.print(ConsoleTable.notes(phases));
        }
        out.flush();
    }

    /**
     * The end of run and compare: the verdict and table (on stderr when results.json goes to
     * stdout), the report files and --json, then the thresholds.
     *
     * @return 0, or {@link HarnessCommand#EXIT_THRESHOLD} when a threshold was crossed
     */
    static int publish(List<PhaseResult> phases, CommandSpec spec, LoadOptions load, List<Threshold> thresholds)
            throws IOException {
        boolean jsonToStdout = "-".equals(load.json);
        print(jsonToStdout ? System.err : System.out, phases, load.output.verbose);
        if (load.report != null || load.json != null) {
            RunReport report = report(command(spec.commandLine().getParseResult().originalArgs()), phases);
            if (load.report != null) {
                Path html = write(load.report, report);
                if (!load.output.quiet) {
                    System.err.println("report: " + html.toAbsolutePath());
                }
            }
            if (jsonToStdout) {
                System.out.print(JsonReport.json(report));
                System.out.flush();
            } else if (load.json != null) {
                JsonReport.write(report, Path.of(load.json));
            }
        }
        return judge(thresholds, phases);
    }

    /** Names every crossed threshold on stderr; 99 if there was one, as k6 does, else 0. */
    static int judge(List<Threshold> thresholds, List<PhaseResult> phases) {
        List<String> crossed = Threshold.crossed(thresholds, phases);
        crossed.forEach(line -> System.err.println("client-harness: " + line));
        System.err.flush();
        return crossed.isEmpty() ? 0 : HarnessCommand.EXIT_THRESHOLD;
    }

    /** Writes results.json, transfers.csv and report.html; returns the HTML path. */
    static Path write(Path dir, RunReport report) throws IOException {
        Files.createDirectories(dir);
        JsonReport.write(report, dir.resolve("results.json"));
        CsvReport.write(report.phases(), dir.resolve("transfers.csv"));
        Path html = dir.resolve("report.html");
        HtmlReport.write(report, html);
        return html;
    }
}
