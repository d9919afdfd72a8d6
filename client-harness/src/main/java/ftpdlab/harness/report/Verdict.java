package ftpdlab.harness.report;

import ftpdlab.harness.load.TransferRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What happened in each phase, in one plain sentence: the first thing the console and the report
 * show, before the table. "retry: 31 of 32 transfers failed with 425 after 5.5 s each (median),
 * 1 ok, 341 bind collisions, p99 5.6 s"; "reuseport: 32 of 32 ok, 0 bind collisions, p99 75 ms".
 */
public final class Verdict {

    private Verdict() {
    }

    public static List<String> lines(List<PhaseResult> phases) {
        return phases.stream().map(Verdict::line).toList();
    }

    static String line(PhaseResult p) {
        Summary s = Summary.of(p);
        // A run bounded by --max-duration asks for more than it can do on purpose: its "of N" is what ran.
        boolean timeBound = stoppedByMaxDuration(p) && s.transfers() > 0;
        long requested = s.requested() < 0 || timeBound ? s.transfers() : s.requested();
        List<String> parts = new ArrayList<>();
        if (s.transfers() == 0) {
            parts.add("no transfer ran of " + requested + " requested");
        } else if (s.failed() == 0) {
            parts.add(s.ok() + " of " + requested + " ok");
        } else {
            parts.add(s.failed() + " of " + requested + " transfers failed with " + codes(s.failedByCode())
                    + " after " + duration(medianFailedMs(p)) + " each (median)");
            if (s.ok() > 0) {
                parts.add(s.ok() + " ok");
            }
        }
        if (timeBound) {
            parts.add("stopped at --max-duration " + duration(p.plan().maxDuration().toMillis()));
        } else if (s.notRun() > 0 && s.transfers() > 0) {
            parts.add(s.notRun() + " not run");
        }
        if (s.collisions() >= 0) {
            parts.add(s.collisions() + " bind collision" + (s.collisions() == 1 ? "" : "s"));
        }
        if (s.latencyP99Ms() >= 0) {
            parts.add("p99 " + duration(s.latencyP99Ms()));
        }
        return p.name() + ": " + String.join(", ", parts);
    }

    /** "425", "425 (30) and no reply (2)": code 0 is a transfer that got no reply. */
    private static String codes(Map<Integer, Long> byCode) {
        List<String> out = new ArrayList<>();
        byCode.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).forEach(e -> {
            String code = e.getKey() == 0 ? "no reply" : Integer.toString(e.getKey());
            out.add(byCode.size() == 1 ? code : code + " (" + e.getValue() + ")");
        });
        return out.size() == 1 ? out.get(0)
                : String.join(", ", out.subList(0, out.size() - 1)) + " and " + out.get(out.size() - 1);
    }

    private static boolean stoppedByMaxDuration(PhaseResult p) {
        var max = p.plan() == null ? null : p.plan().maxDuration();
        return max != null && !max.isZero() && p.durationMs() >= max.toMillis();
    }

    private static long medianFailedMs(PhaseResult p) {
        long[] ms = p.transfers().stream().filter(t -> !t.ok()).mapToLong(TransferRecord::totalMs).sorted().toArray();
        return ms[(ms.length - 1) / 2];
    }

    /** "75 ms" below a second, "5.5 s" from there. */
    static String duration(long ms) {
        return ms < 1000 ? Math.max(0, ms) + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
