package ftpdlab.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * What the data connections did: binds, collisions, back-off, connects, transfers and the set-up
 * latency. The names in {@link #snapshot()} are a public contract: SITE STATS, the JMX bean and
 * the client harness read them.
 */
public final class DataConnectionStats {

    private final String bindStrategy;
    private final Map<String, String> strategySettings;
    private final int dataPort;

    private final LongAdder bindAttempts = new LongAdder();
    private final LongAdder bindCollisions = new LongAdder();
    private final LongAdder bindRetries = new LongAdder();
    private final LongAdder backoffMs = new LongAdder();
    private final LongAdder bindGiveups = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final Map<String, LongAdder> connectFailuresByCause = new ConcurrentHashMap<>();
    private final LongAdder dataOpened = new LongAdder();
    private final LongAdder transfersOk = new LongAdder();
    private final LongAdder transfersFailed = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder sessionsActive = new LongAdder();
    private final Map<Integer, LongAdder> bindsPerTransfer = new ConcurrentHashMap<>();
    // One hour in microseconds is far beyond the 55 s worst case of the retry hack.
    private final Histogram setupMicros = new Histogram(3_600_000_000L, 3);

    public DataConnectionStats(String bindStrategy, Map<String, String> strategySettings, int dataPort) {
        this.bindStrategy = bindStrategy;
        this.strategySettings = new LinkedHashMap<>(strategySettings);
        this.dataPort = dataPort;
    }

    public void bindAttempt() {
        bindAttempts.increment();
    }

    public void bindCollision() {
        bindCollisions.increment();
    }

    public void bindRetry(long waitedMs) {
        bindRetries.increment();
        backoffMs.add(waitedMs);
    }

    /** How many binds one active transfer needed (1 = no collision); the harness draws its histogram. */
    public void bindsPerTransfer(int binds) {
        bindsPerTransfer.computeIfAbsent(binds, b -> new LongAdder()).increment();
    }

    public void bindGiveup() {
        bindGiveups.increment();
    }

    /** @param cause errno-style name such as EADDRNOTAVAIL or ECONNREFUSED */
    public void connectFailure(String cause) {
        connectFailures.increment();
        connectFailuresByCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    public void dataConnectionOpened(long setupMicros) {
        dataOpened.increment();
        synchronized (this.setupMicros) {
            this.setupMicros.recordValue(Math.min(Math.max(setupMicros, 0), this.setupMicros.getHighestTrackableValue()));
        }
    }

    public void transferFinished(boolean ok, long sent, long received) {
        (ok ? transfersOk : transfersFailed).increment();
        bytesSent.add(sent);
        bytesReceived.add(received);
    }

    public void sessionOpened() {
        sessionsActive.increment();
    }

    public void sessionClosed() {
        sessionsActive.decrement();
    }

    public long sessionsActive() {
        return sessionsActive.sum();
    }

    /** Zeroes every counter except the configuration and the live session count. */
    public void reset() {
        for (LongAdder a : new LongAdder[] {bindAttempts, bindCollisions, bindRetries, backoffMs, bindGiveups,
                connectFailures, dataOpened, transfersOk, transfersFailed, bytesSent, bytesReceived}) {
            a.reset();
        }
        connectFailuresByCause.clear();
        bindsPerTransfer.clear();
        synchronized (setupMicros) {
            setupMicros.reset();
        }
    }

    /** Name to value, in a stable order. */
    public Map<String, String> snapshot() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind.strategy", bindStrategy);
        m.put("data.port", Integer.toString(dataPort));
        m.putAll(strategySettings);
        m.put("bind.attempts", num(bindAttempts));
        m.put("bind.collisions", num(bindCollisions));
        m.put("bind.retries", num(bindRetries));
        m.put("bind.backoff.ms", num(backoffMs));
        m.put("bind.giveups", num(bindGiveups));
        m.put("connect.failures", num(connectFailures));
        new TreeMap<>(connectFailuresByCause).forEach((cause, n) -> m.put("connect.failures." + cause, num(n)));
        m.put("data.connections.opened", num(dataOpened));
        m.put("transfers.ok", num(transfersOk));
        m.put("transfers.failed", num(transfersFailed));
        m.put("bytes.sent", num(bytesSent));
        m.put("bytes.received", num(bytesReceived));
        synchronized (setupMicros) {
            m.put("setup.us.p50", Long.toString(setupMicros.getValueAtPercentile(50)));
            m.put("setup.us.p90", Long.toString(setupMicros.getValueAtPercentile(90)));
            m.put("setup.us.p99", Long.toString(setupMicros.getValueAtPercentile(99)));
            m.put("setup.us.max", Long.toString(setupMicros.getMaxValue()));
        }
        m.put("sessions.active", num(sessionsActive));
        new TreeMap<>(bindsPerTransfer).forEach((binds, n) -> m.put("bind.per-transfer." + binds, num(n)));
        return m;
    }

    private static String num(LongAdder a) {
        return Long.toString(a.sum());
    }
}
