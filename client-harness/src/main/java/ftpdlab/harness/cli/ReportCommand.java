package ftpdlab.harness.cli;

import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Redraws a report from its results.json: the table again, report.html and transfers.csv, without re-running the load. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the table of a saved results.json again and rewrite its report.html and transfers.csv.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS_JSON", description = "A results.json written by run or compare --report.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report files (default: next to RESULTS_JSON).")
    Path out;

    @Override
    public Integer call() {
        RunReport report;
        try {
            report = JsonReport.read(results);
        } catch (IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "cannot read " + results + ": " + e.getMessage());
        }
        Results.print(System.out, report.phases());
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        try {
            Path html = Results.write(dir, report);
            System.err.println("report: " + html.toAbsolutePath());
            return 0;
        } catch (IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "cannot write the report: " + e.getMessage());
        }
    }
}
