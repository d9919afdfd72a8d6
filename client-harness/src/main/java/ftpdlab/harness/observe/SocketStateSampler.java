package ftpdlab.harness.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, at a fixed interval, how many TCP sockets have a given local port (the server's fixed
 * data port) in ESTABLISHED and in TIME_WAIT, through a {@link SocketCounter} ({@code ss} where it
 * exists, {@code /proc/net/tcp} otherwise). Only this host's network namespace is visible: the
 * server must run on the same machine (and in the same container) as the harness.
 *
 * <p>The observer must not load the machine it observes: a reading lists every matching socket,
 * and with thousands in TIME_WAIT one {@code ss} run took 35 ms of CPU, a third of a core at 10
 * readings a second, taken from the server and the load on a small machine. So the next reading
 * waits {@link #COST_FACTOR} times as long as the last one took (at most {@link #MAX_SPACING}), or
 * the interval if that is longer.
 */
public final class SocketStateSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** A forgotten sampler must not run, and grow its list, forever. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);
    public static final String THREAD_NAME = "harness-sampler";
    /** The sampler spends at most about 1 / COST_FACTOR of its thread's time reading. */
    static final int COST_FACTOR = 20;
    static final Duration MAX_SPACING = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SocketStateSampler.class);

    private final SocketCounter counter;
    private final int localPort;
    private final Duration interval;
    private final Duration maxDuration;
    private final List<SocketSample> samples = new ArrayList<>();

    private ScheduledExecutorService executor;
    private long startNanos;
    private boolean failureLogged;

    public SocketStateSampler(int localPort) {
        this(localPort, DEFAULT_INTERVAL);
    }

    public SocketStateSampler(int localPort, Duration interval) {
        this(localPort, interval, DEFAULT_MAX_DURATION);
    }

    public SocketStateSampler(int localPort, Duration interval, Duration maxDuration) {
        this(Best.COUNTER, localPort, interval, maxDuration);
    }

    /**
     * @param counter where the counts come from; null = none available (start() then fails)
     * @param localPort the port to watch, or {@link SocketCounter#ALL_PORTS}
     * @param interval time between samples; null = {@link #DEFAULT_INTERVAL}
     * @param maxDuration the sampler stops by itself this long after {@link #start()}, stopped or
     *                    not; null = {@link #DEFAULT_MAX_DURATION}
     */
    public SocketStateSampler(SocketCounter counter, int localPort, Duration interval, Duration maxDuration) {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port out of range: " + localPort);
        }
        this.counter = counter;
        this.localPort = localPort;
        this.interval = interval == null ? DEFAULT_INTERVAL : interval;
        this.maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
        if (this.interval.isNegative() || this.interval.isZero() || this.maxDuration.isNegative()) {
            throw new IllegalArgumentException("interval must be positive and max duration not negative");
        }
    }

    /** The best counter of this host, looked for once: finding out runs {@code ss}. */
    private static final class Best {
        static final SocketCounter COUNTER = SocketCounter.best();
    }

    /** The counter this host offers, or null where socket states cannot be read (macOS, BSD, some sandboxes). */
    public static SocketCounter hostCounter() {
        return Best.COUNTER;
    }

    /** False where socket states cannot be read at all. */
    public static boolean available() {
        return Best.COUNTER != null;
    }

    /**
     * One reading of the sockets whose local port is {@code localPort}, listening sockets left
     * out, with this host's counter.
     *
     * @throws java.io.UncheckedIOException if no counter can read the sockets
     */
    public static SocketSample sampleOnce(int localPort, long tMs) {
        if (Best.COUNTER == null) {
            throw new java.io.UncheckedIOException(new java.io.IOException("neither ss nor /proc/net/tcp on this host"));
        }
        return Best.COUNTER.sample(localPort, tMs);
    }

    /** Begins sampling now, on a daemon thread; the first sample is taken at once. */
    public synchronized SocketStateSampler start() {
        if (executor != null) {
            throw new IllegalStateException("sampler already started");
        }
        if (counter == null) {
            throw new IllegalStateException("no way to read socket states on this host");
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        // Otherwise the pending max-duration task would hold shutdown() up until it fires.
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = ex;
        startNanos = System.nanoTime();
        ScheduledExecutorService own = executor;
        // Not a fixed rate: when TIME_WAIT piles up a reading takes longer, and a fixed rate would
        // fire catch-up bursts that steal CPU from the load.
        own.execute(() -> sampleAndReschedule(own));
        executor.schedule(() -> {
            log.warn("socket sampler on port {} stopped by itself after {}", localPort, maxDuration);
            own.shutdown();
        }, maxDuration.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    /** Whether samples are still being taken: started, and neither stopped nor past the max duration. */
    public synchronized boolean running() {
        return executor != null && !executor.isShutdown();
    }

    /** The samples so far, while sampling goes on. */
    public List<SocketSample> snapshot() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /**
     * Ends sampling and returns every sample, oldest first, {@code tMs} counted from
     * {@link #start()}. Empty if never started; may be called again.
     */
    public List<SocketSample> stop() {
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
        }
        if (ex != null && !ex.isShutdown()) {
            // Not shutdownNow(): an interrupt would abort a reading mid-way.
            ex.shutdown();
            try {
                // So that no sample in flight lands after the list is handed out.
                ex.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // One last look: a phase shorter than the interval would otherwise show only its start.
            sampleSafely();
        }
        return snapshot();
    }

    @Override
    public void close() {
        stop();
    }

    private void sampleAndReschedule(ScheduledExecutorService own) {
        long t0 = System.nanoTime();
        sampleSafely();
        // At most MAX_SPACING apart, so a short phase still gets readings when a busy machine slows one down.
        long delay = Math.max(interval.toNanos(), Math.min(COST_FACTOR * (System.nanoTime() - t0), MAX_SPACING.toNanos()));
        try {
            own.schedule(() -> sampleAndReschedule(own), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stop() or the max duration shut the executor down: no more readings.
        }
    }

    private void sampleSafely() {
        long tMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        try {
            SocketSample s = counter.sample(localPort, tMs);
            synchronized (samples) {
                samples.add(s);
            }
        } catch (RuntimeException e) {
            // A throwing task would cancel the schedule; a missed sample is only a gap in the chart.
            if (!failureLogged) {
                failureLogged = true;
                log.warn("socket sample on port {} failed: {}", localPort, e.toString());
            }
        }
    }
}
