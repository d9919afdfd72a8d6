package ftpdlab.harness.cli;

import ftpdlab.harness.report.ConsoleTable;
import ftpdlab.harness.report.CsvReport;
import ftpdlab.harness.report.HtmlReport;
import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Prints the table and writes the report files; the same for run, compare, a finished run and an interrupted one. */
final class Results {

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

    static void print(PrintStream out, List<PhaseResult> phases) {
        out.println();
        out.print(ConsoleTable.render(phases));
        out.flush();
    }

    /** The end of run and compare: the table on stdout, and the report files when --report was given. */
    static void publish(List<PhaseResult> phases, CommandSpec spec, Path reportDir, boolean quiet) throws IOException {
        print(System.out, phases);
        if (reportDir != null) {
            String command = "client-harness " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
            Path html = write(reportDir, report(command, phases));
            if (!quiet) {
                System.err.println("report: " + html.toAbsolutePath());
            }
        }
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
