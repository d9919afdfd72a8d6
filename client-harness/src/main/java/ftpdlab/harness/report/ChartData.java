package ftpdlab.harness.report;

import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The exact series each chart of the HTML page draws. The page embeds these same objects as
 * JSON and its script draws them, so what a reader (or a test) parses is what the chart shows.
 * Every series is bounded whatever the run's size (a 1M-transfer soak included): the page must
 * open at once, and transfers.csv holds every transfer for whoever wants them all.
 */
final class ChartData {

    static final String LATENCY_CDF = "latency-cdf";
    static final String OUTCOMES = "outcomes";
    static final String TIMELINE = "timeline";
    static final String SOCKETS = "sockets";
    static final String BINDS_PER_TRANSFER = "binds-per-transfer";

    /** Above this many distinct latencies the CDF keeps one point per 1/MAX_CDF_POINTS of the transfers. */
    static final int MAX_CDF_POINTS = 1000;
    /** Above this many socket samples, consecutive samples are merged, keeping each state's peak. */
    static final int MAX_SOCKET_POINTS = 2000;
    /** A timeline never has more buckets than this: a day-long soak gets wider buckets. */
    static final int MAX_TIMELINE_BUCKETS = 3600;
    private static final long[] SHORT_BUCKETS_MS = {500, 200, 100};
    private static final long[] LONG_BUCKETS_MS = {1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000};
    /** A phase shorter than this gets sub-second buckets, so that it still draws a line. */
    private static final long SHORT_PHASE_MS = 10_000;
    private static final int MIN_SHORT_BUCKETS = 20;

    /** Share of the phase's transfers that took at most {@code ms} (all records, ok or not). */
    record CdfPoint(long ms, double fraction) {
    }

    record CdfSeries(String phase, List<CdfPoint> points) {
    }

    record OutcomeSeries(String phase, long ok, SortedMap<Integer, Long> failedByCode, long notRun) {
    }

    /** Transfers that ended in [tMs, tMs + bucketMs) of the phase, by startMs + totalMs. */
    record TimelineBucket(long tMs, long ok, long failed) {
    }

    /** @param durationMs the phase's length: each phase's chart spans its own time axis */
    record TimelineSeries(String phase, long durationMs, long bucketMs, List<TimelineBucket> buckets) {
    }

    /** @param hostWide the counts are every TCP socket of the host, not the data port's */
    record SocketSeries(String phase, int dataPort, boolean hostWide, List<SocketSample> samples) {
    }

    /** bind.per-transfer.&lt;n&gt;: n binds -> active transfers that needed them. */
    record BindsSeries(String phase, SortedMap<Integer, Long> counts) {
    }

    private ChartData() {
    }

    /** One point per distinct totalMs (or per 0.1 % of transfers past 1000 of them); the last is at fraction 1. */
    static CdfSeries cdf(PhaseResult p) {
        long[] ms = p.transfers().stream().mapToLong(t -> Math.max(0, t.totalMs())).sorted().toArray();
        List<CdfPoint> points = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            if (i + 1 == ms.length || ms[i + 1] != ms[i]) {
                points.add(new CdfPoint(ms[i], (i + 1) / (double) ms.length));
            }
        }
        if (points.size() <= MAX_CDF_POINTS) {
            return new CdfSeries(p.name(), points);
        }
        List<CdfPoint> thinned = new ArrayList<>();
        for (int k = 1; k <= MAX_CDF_POINTS; k++) {
            int i = (int) Math.ceil((long) k * ms.length / (double) MAX_CDF_POINTS) - 1;
            // the last of equal values, so each point is a true (value, share at most value) pair
            while (i + 1 < ms.length && ms[i + 1] == ms[i]) {
                i++;
            }
            CdfPoint point = new CdfPoint(ms[i], (i + 1) / (double) ms.length);
            if (thinned.isEmpty() || thinned.get(thinned.size() - 1).ms() != point.ms()) {
                thinned.add(point);
            }
        }
        return new CdfSeries(p.name(), thinned);
    }

    static OutcomeSeries outcomes(PhaseResult p) {
        Summary s = Summary.of(p);
        return new OutcomeSeries(p.name(), s.ok(), s.failedByCode(), Math.max(0, s.notRun()));
    }

    /** Dense from 0 to the end of the phase (or its last ending), so a gap reads as zero. */
    static TimelineSeries timeline(PhaseResult p) {
        long end = Math.max(p.durationMs(), p.transfers().stream().mapToLong(ChartData::endMs).max().orElse(0));
        long bucket = bucketMs(end);
        if (p.transfers().isEmpty()) {
            return new TimelineSeries(p.name(), p.durationMs(), bucket, List.of());
        }
        int n = (int) (end / bucket) + 1;
        long[] ok = new long[n];
        long[] failed = new long[n];
        for (TransferRecord t : p.transfers()) {
            int i = (int) (endMs(t) / bucket);
            if (t.ok()) {
                ok[i]++;
            } else {
                failed[i]++;
            }
        }
        List<TimelineBucket> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(new TimelineBucket(i * bucket, ok[i], failed[i]));
        }
        return new TimelineSeries(p.name(), p.durationMs(), bucket, buckets);
    }

    /** 1 s for a normal phase; 100-500 ms for one under 10 s; wider for a phase past an hour. */
    static long bucketMs(long phaseMs) {
        if (phaseMs < SHORT_PHASE_MS) {
            for (long b : SHORT_BUCKETS_MS) {
                if (phaseMs / b >= MIN_SHORT_BUCKETS) {
                    return b;
                }
            }
            return SHORT_BUCKETS_MS[SHORT_BUCKETS_MS.length - 1];
        }
        for (long b : LONG_BUCKETS_MS) {
            if (phaseMs / b < MAX_TIMELINE_BUCKETS) {
                return b;
            }
        }
        return LONG_BUCKETS_MS[LONG_BUCKETS_MS.length - 1];
    }

    static SocketSeries sockets(PhaseResult p) {
        List<SocketSample> samples = p.sockets();
        if (samples.size() > MAX_SOCKET_POINTS) {
            int per = (samples.size() + MAX_SOCKET_POINTS - 1) / MAX_SOCKET_POINTS;
            List<SocketSample> merged = new ArrayList<>();
            for (int i = 0; i < samples.size(); i += per) {
                List<SocketSample> group = samples.subList(i, Math.min(samples.size(), i + per));
                merged.add(new SocketSample(group.get(0).tMs(),
                        group.stream().mapToInt(SocketSample::established).max().orElse(0),
                        group.stream().mapToInt(SocketSample::timeWait).max().orElse(0)));
            }
            samples = merged;
        }
        return new SocketSeries(p.name(), p.dataPort(), p.socketsHostWide(), samples);
    }

    static BindsSeries binds(PhaseResult p) {
        return new BindsSeries(p.name(), Summary.bindsPerTransfer(p));
    }

    private static long endMs(TransferRecord t) {
        return Math.max(0, t.startMs() + Math.max(0, t.totalMs()));
    }
}
