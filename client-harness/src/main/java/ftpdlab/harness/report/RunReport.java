package ftpdlab.harness.report;

import java.util.List;

/** A whole harness invocation: where and how it ran, and each phase. This is what results.json holds. */
public record RunReport(
        int schemaVersion,
        String command,
        String createdAt,
        String hostname,
        String os,
        String kernel,
        String jdk,
        int cores,
        List<PhaseResult> phases) {

    public static final int SCHEMA_VERSION = 2;

    public RunReport {
        phases = List.copyOf(phases);
    }
}
