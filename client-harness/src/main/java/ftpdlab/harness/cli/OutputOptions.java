package ftpdlab.harness.cli;

import ftpdlab.harness.report.Threshold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Option;

/** What run, compare and report print, and the thresholds that decide their exit status. */
final class OutputOptions {

    @Option(names = "--quiet", description = "No progress bar, no phase lines: only the verdict lines and the table.")
    boolean quiet;

    @Option(names = "--verbose", description = "Also print each phase's notes (settings, models, caveats) after the table.")
    boolean verbose;

    @Option(names = "--fail-on", paramLabel = "[PHASE:]EXPR",
            description = "Exit 99 when a phase crosses this threshold, e.g. 'failed>0', 'p99>200ms', "
                    + "'retry:collisions==0' (repeatable; operators > >= < <= == !=).")
    List<String> failOn = new ArrayList<>();

    /**
     * The parsed thresholds, checked against the phases that will run.
     *
     * @throws IllegalArgumentException a one-line message for the first bad expression
     */
    List<Threshold> thresholds(Collection<String> phases) {
        List<Threshold> out = failOn.stream().map(Threshold::parse).toList();
        Threshold.checkPhases(out, phases);
        return out;
    }
}
