package ftpdlab.harness.report;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.util.List;
import java.util.Map;

/**
 * Everything measured in one phase: one load against one server (one strategy in compare).
 *
 * @param name the strategy in compare, "run" for run
 * @param dataPort the server's fixed active data port, -1 when unknown
 * @param serverStats SITE STATS after minus before (numbers) and the text values after; null
 *                    when the server does not answer SITE STATS
 * @param sockets samples of the data port's socket states; empty when not sampled
 * @param notes lines printed with the results (a scaled back-off, a platform caveat, ...)
 * @param setting where it ran: network (loopback, netns, network), TCP timestamps on either end,
 *                and whatever --setting added; empty when unknown
 */
public record PhaseResult(
        String name,
        String target,
        int dataPort,
        LoadPlan plan,
        long startedAtEpochMs,
        long durationMs,
        List<TransferRecord> transfers,
        Map<String, String> serverStats,
        List<SocketSample> sockets,
        List<String> notes,
        Map<String, String> setting) {

    public PhaseResult {
        transfers = List.copyOf(transfers);
        sockets = List.copyOf(sockets);
        notes = List.copyOf(notes);
        setting = setting == null ? Map.of() : Map.copyOf(setting);
        serverStats = serverStats == null ? null : Map.copyOf(serverStats);
    }

    /** A server counter, or -1 when the server gave no stats or lacks it. */
    public long serverCounter(String name) {
        if (serverStats == null || !serverStats.containsKey(name)) {
            return -1;
        }
        try {
            return Long.parseLong(serverStats.get(name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
