package ftpdlab.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What the data connections did: binds, collisions, back-off, connects, transfers and the set-up
 * latency, kept as Micrometer meters in one registry that SITE STATS, the JMX bean and the
 * Prometheus endpoint all read. The names in {@link #snapshot()} are a public contract: SITE STATS,
 * the JMX bean and the client harness read them.
 *
 * <p>SITE STATS RESET zeroes what {@link #snapshot()} shows by remembering a baseline, never the
 * meters themselves: a Prometheus counter must not go back, or every {@code rate()} over it breaks.
 */
public final class DataConnectionStats {

    private final String bindStrategy;
    private final Map<String, String> strategySettings;
    private final int dataPort;
    private final MeterRegistry registry;

    private final Counter bindAttempts;
    private final Counter bindCollisions;
    private final Counter bindRetries;
    private final Counter backoffMs;
    private final Counter bindGiveups;
    private final Counter dataOpened;
    private final Counter transfersOk;
    private final Counter transfersFailed;
    private final Counter bytesSent;
    private final Counter bytesReceived;
    private final Map<String, Counter> connectFailuresByCause = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> bindsPerTransfer = new ConcurrentHashMap<>();
    private final AtomicLong sessionsActive = new AtomicLong();
    private final Timer setup;
    // SITE STATS keeps exact percentiles since the last reset; the Prometheus histogram (the
    // Timer above) has buckets for a scraper to aggregate instead.
    // One hour in microseconds is far beyond the 55 s worst case of the retry hack.
    private final Histogram setupMicros = new Histogram(3_600_000_000L, 3);
    private final Map<String, Double> baseline = new ConcurrentHashMap<>();

    public DataConnectionStats(String bindStrategy, Map<String, String> strategySettings, int dataPort,
                               MeterRegistry registry) {
        this.bindStrategy = bindStrategy;
        this.strategySettings = new LinkedHashMap<>(strategySettings);
        this.dataPort = dataPort;
        this.registry = registry;
        bindAttempts = counter("ftpd.bind.attempts", "binds of the fixed data port", null);
        bindCollisions = counter("ftpd.bind.collisions", "binds that failed with EADDRINUSE", null);
        bindRetries = counter("ftpd.bind.retries", "binds tried again after a collision", null);
        backoffMs = counter("ftpd.bind.backoff", "time waited between bind tries", "milliseconds");
        bindGiveups = counter("ftpd.bind.giveups", "425 replies after the last bind try", null);
        dataOpened = counter("ftpd.data.connections.opened", "data connections opened", null);
        transfersOk = Counter.builder("ftpd.transfers").tag("outcome", "ok").description("finished transfers").register(registry);
        transfersFailed = Counter.builder("ftpd.transfers").tag("outcome", "failed").description("finished transfers").register(registry);
        bytesSent = counter("ftpd.data.sent", "bytes sent on data connections", "bytes");
        bytesReceived = counter("ftpd.data.received", "bytes received on data connections", "bytes");
        Gauge.builder("ftpd.sessions.active", sessionsActive, AtomicLong::get).description("open control sessions")
                .register(registry);
        Gauge.builder("ftpd.info", () -> 1).description("the bind strategy and data port in force")
                .tag("strategy", bindStrategy).tag("data_port", Integer.toString(dataPort)).register(registry);
        setup = Timer.builder("ftpd.data.setup")
                .description("from the transfer command to the data connection established")
                .tag("strategy", bindStrategy).tag("data_port", Integer.toString(dataPort))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    private Counter counter(String name, String description, String unit) {
        return Counter.builder(name).description(description).baseUnit(unit).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void bindAttempt() {
        bindAttempts.increment();
    }

    public void bindCollision() {
        bindCollisions.increment();
    }

    public void bindRetry(long waitedMs) {
        bindRetries.increment();
        backoffMs.increment(waitedMs);
    }

    /** How many binds one active transfer needed (1 = no collision); the harness draws its histogram. */
    public void bindsPerTransfer(int binds) {
        bindsPerTransfer.computeIfAbsent(binds, b -> Counter.builder("ftpd.bind.per.transfer")
                .description("active transfers by the binds they needed").tag("binds", Integer.toString(b))
                .register(registry)).increment();
    }

    public void bindGiveup() {
        bindGiveups.increment();
    }

    /** @param cause errno-style name such as EADDRNOTAVAIL or ECONNREFUSED */
    public void connectFailure(String cause) {
        connectFailuresByCause.computeIfAbsent(cause, c -> Counter.builder("ftpd.connect.failures")
                .description("failed data connects and passive accepts").tag("cause", c).register(registry))
                .increment();
    }

    public void dataConnectionOpened(long setupMicros) {
        dataOpened.increment();
        long us = Math.min(Math.max(setupMicros, 0), this.setupMicros.getHighestTrackableValue());
        setup.record(us, TimeUnit.MICROSECONDS);
        synchronized (this.setupMicros) {
            this.setupMicros.recordValue(us);
        }
    }

    public void transferFinished(boolean ok, long sent, long received) {
        (ok ? transfersOk : transfersFailed).increment();
        bytesSent.increment(sent);
        bytesReceived.increment(received);
    }

    public void sessionOpened() {
        sessionsActive.incrementAndGet();
    }

    public void sessionClosed() {
        sessionsActive.decrementAndGet();
    }

    /** Zeroes what SITE STATS and JMX show, except the configuration and the live session count. */
    public void reset() {
        synchronized (setupMicros) {
            counts().forEach(baseline::put);
            bindsPerTransfer.forEach((binds, c) -> baseline.put(PER_TRANSFER + binds, c.count()));
            setupMicros.reset();
        }
    }

    private static final String PER_TRANSFER = "bind.per-transfer.";

    /** The counters as SITE STATS names them, since the start (no baseline applied). */
    private Map<String, Double> counts() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bind.attempts", bindAttempts.count());
        m.put("bind.collisions", bindCollisions.count());
        m.put("bind.retries", bindRetries.count());
        m.put("bind.backoff.ms", backoffMs.count());
        m.put("bind.giveups", bindGiveups.count());
        m.put("connect.failures", connectFailuresByCause.values().stream().mapToDouble(Counter::count).sum());
        new TreeMap<>(connectFailuresByCause).forEach((cause, c) -> m.put("connect.failures." + cause, c.count()));
        m.put("data.connections.opened", dataOpened.count());
        m.put("transfers.ok", transfersOk.count());
        m.put("transfers.failed", transfersFailed.count());
        m.put("bytes.sent", bytesSent.count());
        m.put("bytes.received", bytesReceived.count());
        return m;
    }

    private long since(String name, double value) {
        return Math.round(value - baseline.getOrDefault(name, 0.0));
    }

    /** Name to value, in a stable order: the SITE STATS contract. */
    public Map<String, String> snapshot() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind.strategy", bindStrategy);
        m.put("data.port", Integer.toString(dataPort));
        m.putAll(strategySettings);
        synchronized (setupMicros) {
            counts().forEach((name, value) -> {
                long n = since(name, value);
                // A cause appears once it happened (since the last reset), as a new label would.
                if (!name.startsWith("connect.failures.") || n > 0) {
                    m.put(name, Long.toString(n));
                }
            });
            m.put("setup.us.p50", Long.toString(setupMicros.getValueAtPercentile(50)));
            m.put("setup.us.p90", Long.toString(setupMicros.getValueAtPercentile(90)));
            m.put("setup.us.p99", Long.toString(setupMicros.getValueAtPercentile(99)));
            m.put("setup.us.max", Long.toString(setupMicros.getMaxValue()));
            m.put("sessions.active", Long.toString(sessionsActive.get()));
            new TreeMap<>(bindsPerTransfer).forEach((binds, c) -> {
                long n = since(PER_TRANSFER + binds, c.count());
                if (n > 0) {
                    m.put(PER_TRANSFER + binds, Long.toString(n));
                }
            });
        }
        return m;
    }
}
