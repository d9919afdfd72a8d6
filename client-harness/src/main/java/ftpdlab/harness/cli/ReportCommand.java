package ftpdlab.harness.cli;

import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import ftpdlab.harness.report.Threshold;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Redraws a report from its results.json (schema 1 or 2): the verdict and table again,
 * report.html and transfers.csv, without re-running the load; --fail-on judges a saved run.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print the verdict and table of a saved results.json again and rewrite its report.html and transfers.csv.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS_JSON", description = "A results.json written by run or compare --report.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report files (default: next to RESULTS_JSON).")
    Path out;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        RunReport report;
        try {
            report = JsonReport.read(results);
        } catch (IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "cannot read " + e.getMessage());
        }
        List<Threshold> thresholds;
        try {
            thresholds = output.thresholds(report.phases().stream().map(PhaseResult::name).toList());
        } catch (IllegalArgumentException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_USAGE, e.getMessage());
        }
        Results.print(System.out, report.phases(), output.verbose);
        Path dir = out != null ? out : results.toAbsolutePath().getParent();
        try {
            Path html = Results.write(dir, report);
            if (!output.quiet) {
                System.err.println("report: " + html.toAbsolutePath());
            }
        } catch (IOException e) {
            return HarnessCommand.fail(HarnessCommand.EXIT_FAILED, "cannot write the report: " + e.getMessage());
        }
        return Results.judge(thresholds, report.phases());
    }
}
