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
