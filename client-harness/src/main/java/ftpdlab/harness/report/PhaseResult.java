package ftpdlab.harness.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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
 * @param plan the load as asked for, always with its password redacted (reports are shared)
 * @param serverStats SITE STATS after minus before (numbers) and the text values after; null
 *                    when the server does not answer SITE STATS. Kept as text in memory; written
 *                    to results.json as JSON numbers where they are numbers
 * @param sockets samples of the data port's socket states; empty when not sampled
 * @param notes lines printed with the results (a scaled back-off, a platform caveat, ...)
 * @param setting where it ran: network (loopback, netns, network), TCP timestamps on either end,
 *                how sockets were counted (sockets.source, sockets.scope), and whatever --setting
 *                added; empty when unknown
 * @param cpu the CPU time the phase's load cost; null when not measured (a schema 1 file)
 */
public record PhaseResult(
        String name,
        String target,
        int dataPort,
        LoadPlan plan,
        long startedAtEpochMs,
        long durationMs,
        List<TransferRecord> transfers,
        @JsonSerialize(using = ServerStatsJson.Writer.class)
        @JsonDeserialize(using = ServerStatsJson.Reader.class)
        Map<String, String> serverStats,
        List<SocketSample> sockets,
        List<String> notes,
        Map<String, String> setting,
        Cpu cpu) {

    /** {@code setting} key: how the socket states were read ({@code ss} or {@code /proc/net/tcp}). */
    public static final String SOCKETS_SOURCE = "sockets.source";
    /** {@code setting} key: {@code port <n>} when only the data port was counted, {@code host} when every socket was. */
    public static final String SOCKETS_SCOPE = "sockets.scope";
    public static final String HOST_WIDE = "host";
    /**
     * The one strategy a schema 1 file's writer sampled host-wide: a fact about those old files,
     * frozen with them, not a list of strategies (a new one never appears in a schema 1 file).
     */
    static final String SCHEMA_1_HOST_WIDE = "ephemeral";

    /**
     * CPU time over the phase's load, in ms; -1 where the JVM cannot measure it.
     *
     * @param processMs the whole JVM (OperatingSystemMXBean): in compare this includes the embedded ftpd
     * @param clientMs the load's client threads only: the harness's own cost
     */
    public record Cpu(long processMs, long clientMs) {
    }

    public PhaseResult {
        transfers = List.copyOf(transfers);
        sockets = List.copyOf(sockets);
        notes = List.copyOf(notes);
        setting = setting == null ? Map.of() : Map.copyOf(setting);
        serverStats = serverStats == null ? null : Map.copyOf(serverStats);
        plan = plan == null ? null : plan.redacted();
    }

    /** A phase whose cost was not measured. */
    public PhaseResult(String name, String target, int dataPort, LoadPlan plan, long startedAtEpochMs, long durationMs,
            List<TransferRecord> transfers, Map<String, String> serverStats, List<SocketSample> sockets,
            List<String> notes, Map<String, String> setting) {
        this(name, target, dataPort, plan, startedAtEpochMs, durationMs, transfers, serverStats, sockets, notes,
                setting, null);
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

    /**
     * Whether the socket samples count every TCP socket of the host rather than the data port's:
     * so says the setting. Files without it (schema 1) predate both the setting and
     * {@code bind.fixed-port}; their writer sampled host-wide for {@link #SCHEMA_1_HOST_WIDE} only.
     */
    public boolean socketsHostWide() {
        String scope = setting.get(SOCKETS_SCOPE);
        if (scope != null) {
            return scope.equals(HOST_WIDE);
        }
        return SCHEMA_1_HOST_WIDE.equals(serverStats == null ? name : serverStats.getOrDefault("bind.strategy", name));
    }

    /** Every figure of the console table, derived; results.json carries it for readers that want no arithmetic. */
    @JsonProperty(value = "summary", access = JsonProperty.Access.READ_ONLY)
    public Summary summary() {
        return Summary.of(this);
    }
}
