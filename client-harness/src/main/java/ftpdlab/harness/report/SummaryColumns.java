package ftpdlab.harness.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The summary columns as text, shared so the console and the HTML table never disagree. */
final class SummaryColumns {

    static final String UNKNOWN = "-";

    static final List<String> HEADERS = List.of(
            "strategy", "transfers", "ok", "failed", "collisions", "retries", "backoff s", "giveups",
            "conn.fail", "xfer/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "peak TW", "cpu ms/xfer");

    private SummaryColumns() {
    }

    static List<String> cells(Summary s) {
        return List.of(
                s.phase(),
                Long.toString(s.transfers()),
                Long.toString(s.ok()),
                failed(s),
                count(s.collisions()),
                count(s.retries()),
                s.backoffMs() < 0 ? UNKNOWN : String.format(Locale.ROOT, "%.1f", s.backoffMs() / 1000.0),
                count(s.giveups()),
                count(s.connectFailures()),
                s.transfersPerSecond() < 0 ? UNKNOWN : String.format(Locale.ROOT, "%.1f", s.transfersPerSecond()),
                count(s.latencyP50Ms()),
                count(s.latencyP90Ms()),
                count(s.latencyP99Ms()),
                count(s.latencyMaxMs()),
                peakTimeWait(s),
                s.clientCpuMsPerTransfer() < 0 ? UNKNOWN
                        : String.format(Locale.ROOT, "%.2f", s.clientCpuMsPerTransfer()));
    }

    /** "host:11234" when the count is every socket of the host: not comparable with a port's count beside it. */
    static String peakTimeWait(Summary s) {
        return PhaseResult.HOST_WIDE.equals(s.socketScope()) ? "host:" + s.peakTimeWait() : count(s.peakTimeWait());
    }

    /** "31 (425:31)", codes ascending; code 0 is a transfer that got no reply. */
    static String failed(Summary s) {
        if (s.failed() == 0) {
            return "0";
        }
        return s.failed() + " (" + s.failedByCode().entrySet().stream()
                .map((Map.Entry<Integer, Long> e) -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",")) + ")";
    }

    static String count(long value) {
        return value < 0 ? UNKNOWN : Long.toString(value);
    }
}
