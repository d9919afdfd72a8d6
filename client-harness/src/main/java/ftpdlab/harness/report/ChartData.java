package ftpdlab.harness.report;

import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The exact series each chart of the HTML page draws. The page embeds these same objects as
 * JSON, so what a reader (or a test) parses is what the SVG shows.
 */
final class ChartData {

    static final String LATENCY_CDF = "latency-cdf";
    static final String OUTCOMES = "outcomes";
    static final String TIMELINE = "timeline";
    static final String SOCKETS = "sockets";
    static final String BINDS_PER_TRANSFER = "binds-per-transfer";

    /** Share of the phase's transfers that took at most {@code ms} (all records, ok or not). */
    record CdfPoint(long ms, double fraction) {
    }

    record CdfSeries(String phase, List<CdfPoint> points) {
    }

    record OutcomeSeries(String phase, long ok, SortedMap<Integer, Long> failedByCode, long notRun) {
    }

    /** Transfers that ended in second {@code second} of the phase: (startMs + totalMs) / 1000. */
    record TimelineBucket(long second, long ok, long failed) {
    }

    record TimelineSeries(String phase, List<TimelineBucket> buckets) {
    }

    record SocketSeries(String phase, List<SocketSample> samples) {
    }

    /** bind.per-transfer.&lt;n&gt;: n binds -> active transfers that needed them. */
    record BindsSeries(String phase, SortedMap<Integer, Long> counts) {
    }

    private ChartData() {
    }

    /** One point per distinct totalMs, so the last point of a non-empty phase is at fraction 1. */
    static CdfSeries cdf(PhaseResult p) {
        long[] ms = p.transfers().stream().mapToLong(t -> Math.max(0, t.totalMs())).sorted().toArray();
        List<CdfPoint> points = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            if (i + 1 == ms.length || ms[i + 1] != ms[i]) {
                points.add(new CdfPoint(ms[i], (i + 1) / (double) ms.length));
            }
        }
        return new CdfSeries(p.name(), points);
    }

    static OutcomeSeries outcomes(PhaseResult p) {
        Summary s = Summary.of(p);
        return new OutcomeSeries(p.name(), s.ok(), s.failedByCode(), Math.max(0, s.notRun()));
    }

    /** Dense from second 0 to the last second with an ending, so a gap reads as zero. */
    static TimelineSeries timeline(PhaseResult p) {
        long last = p.transfers().stream().mapToLong(ChartData::endSecond).max().orElse(-1);
        long[] ok = new long[(int) (last + 1)];
        long[] failed = new long[(int) (last + 1)];
        for (TransferRecord t : p.transfers()) {
            int second = (int) endSecond(t);
            if (t.ok()) {
                ok[second]++;
            } else {
                failed[second]++;
            }
        }
        List<TimelineBucket> buckets = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            buckets.add(new TimelineBucket(i, ok[i], failed[i]));
        }
        return new TimelineSeries(p.name(), buckets);
    }

    static SocketSeries sockets(PhaseResult p) {
        return new SocketSeries(p.name(), p.sockets());
    }

    static BindsSeries binds(PhaseResult p) {
        return new BindsSeries(p.name(), Summary.bindsPerTransfer(p));
    }

    private static long endSecond(TransferRecord t) {
        return Math.max(0, t.startMs() + Math.max(0, t.totalMs())) / 1000;
    }
}
