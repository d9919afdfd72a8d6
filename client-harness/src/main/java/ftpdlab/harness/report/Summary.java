package ftpdlab.harness.report;

import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The numbers of one phase that the table, the HTML page and a reader compare across strategies.
 * Every value that cannot be known (no records, no server stats, no socket samples) is -1.
 *
 * @param phase the phase's name (the strategy in compare)
 * @param requested clients x transfers of the plan
 * @param transfers transfers that ran (one record each)
 * @param failedByCode failed transfers by final reply code; 0 = no reply (connection failed, exception)
 * @param notRun requested transfers that never started (max-duration reached, interrupted)
 * @param transfersPerSecond ok transfers per second of the phase's duration
 * @param latencyP50Ms percentiles of every record's totalMs, ok or not; HdrHistogram with 3
 *                     significant digits, so values above 2048 ms may read up to 0.1% high
 * @param latencyMaxMs the exact largest totalMs
 * @param to150P50Ms percentiles of to150Ms over the records that got a 150/125 reply
 * @param collisions server counters (bind.collisions, bind.retries, bind.backoff.ms,
 *                   bind.giveups, connect.failures)
 * @param peakTimeWait most TIME_WAIT sockets in any sample: on the data port, or on the whole
 *                     host when {@code socketScope} is "host"
 * @param socketScope "port" (the data port's sockets), "host" (every TCP socket of the host: a
 *                    server without a fixed port) or null (not sampled)
 * @param clientCpuMs CPU time of the load's client threads (the harness's own cost)
 * @param processCpuMs CPU time of the whole harness JVM (in compare: with the embedded ftpd)
 * @param clientCpuMsPerTransfer clientCpuMs per transfer that ran
 * @param processCpuMsPerTransfer processCpuMs per transfer that ran
 */
public record Summary(
        String phase,
        long requested,
        long transfers,
        long ok,
        long failed,
        SortedMap<Integer, Long> failedByCode,
        long notRun,
        double transfersPerSecond,
        long latencyP50Ms,
        long latencyP90Ms,
        long latencyP99Ms,
        long latencyMaxMs,
        long to150P50Ms,
        long to150P99Ms,
        long collisions,
        long retries,
        long backoffMs,
        long giveups,
        long connectFailures,
        long peakTimeWait,
        String socketScope,
        long clientCpuMs,
        long processCpuMs,
        double clientCpuMsPerTransfer,
        double processCpuMsPerTransfer) {

    public static final String PORT_SCOPE = "port";

    public Summary {
        failedByCode = Collections.unmodifiableSortedMap(new TreeMap<>(failedByCode));
    }

    public static Summary of(PhaseResult p) {
        long requested = p.plan() == null ? -1 : p.plan().requested();
        long transfers = p.transfers().size();
        long ok = p.transfers().stream().filter(TransferRecord::ok).count();
        SortedMap<Integer, Long> failedByCode = new TreeMap<>();
        for (TransferRecord t : p.transfers()) {
            if (!t.ok()) {
                failedByCode.merge(t.replyCode(), 1L, Long::sum);
            }
        }
        long notRun = requested < 0 ? -1 : Math.max(0, requested - transfers);
        double perSecond = p.durationMs() > 0 ? ok / (p.durationMs() / 1000.0) : -1;

        Histogram total = new Histogram(3);
        Histogram to150 = new Histogram(3);
        long max = -1;
        for (TransferRecord t : p.transfers()) {
            // a clock step can make a duration negative; it still counts as a transfer
            total.recordValue(Math.max(0, t.totalMs()));
            max = Math.max(max, Math.max(0, t.totalMs()));
            if (t.to150Ms() >= 0) {
                to150.recordValue(t.to150Ms());
            }
        }
        long peakTimeWait = p.sockets().stream().mapToLong(SocketSample::timeWait).max().orElse(-1);
        String scope = p.sockets().isEmpty() ? null : p.socketsHostWide() ? PhaseResult.HOST_WIDE : PORT_SCOPE;
        long clientCpu = p.cpu() == null ? -1 : p.cpu().clientMs();
        long processCpu = p.cpu() == null ? -1 : p.cpu().processMs();

        return new Summary(
                p.name(),
                requested,
                transfers,
                ok,
                transfers - ok,
                failedByCode,
                notRun,
                perSecond,
                Math.min(percentile(total, 50), max),
                Math.min(percentile(total, 90), max),
                Math.min(percentile(total, 99), max),
                max,
                percentile(to150, 50),
                percentile(to150, 99),
                p.serverCounter("bind.collisions"),
                p.serverCounter("bind.retries"),
                p.serverCounter("bind.backoff.ms"),
                p.serverCounter("bind.giveups"),
                p.serverCounter("connect.failures"),
                peakTimeWait,
                scope,
                clientCpu,
                processCpu,
                perTransfer(clientCpu, transfers),
                perTransfer(processCpu, transfers));
    }

    private static double perTransfer(long ms, long transfers) {
        return ms < 0 || transfers == 0 ? -1 : ms / (double) transfers;
    }

    /** The phase's bind.per-transfer.&lt;n&gt; counters by n; empty when the server has none. */
    public static SortedMap<Integer, Long> bindsPerTransfer(PhaseResult p) {
        SortedMap<Integer, Long> counts = new TreeMap<>();
        if (p.serverStats() == null) {
            return counts;
        }
        String prefix = "bind.per-transfer.";
        for (Map.Entry<String, String> e : p.serverStats().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            try {
                counts.put(Integer.parseInt(e.getKey().substring(prefix.length())), Long.parseLong(e.getValue()));
            } catch (NumberFormatException ignored) {
                // a server of another version may name buckets differently; such a bucket is not plottable
            }
        }
        return counts;
    }

    private static long percentile(Histogram h, double percentile) {
        // HdrHistogram reports a bucket's upper edge, so callers cap it at the exact max.
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile);
    }
}
