package ftpdlab.harness.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, at a fixed interval, how many TCP sockets have a given local port (the server's fixed
 * data port) in ESTABLISHED and in TIME_WAIT, from Linux's {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}. Only this host's network namespace is visible: the server must run on
 * the same machine (and in the same container) as the harness.
 */
public final class SocketStateSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** A forgotten sampler must not run, and grow its list, forever. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);
    public static final String THREAD_NAME = "harness-sampler";

    static final Path PROC_TCP = Path.of("/proc/net/tcp");
    static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");

    private static final int STATE_ESTABLISHED = 0x01;
    private static final int STATE_TIME_WAIT = 0x06;
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private static final Logger log = LoggerFactory.getLogger(SocketStateSampler.class);

    private final int localPort;
    private final Duration interval;
    private final Duration maxDuration;
    private final List<SocketSample> samples = new ArrayList<>();

    /**
     * Port 0 counts sockets on every local port: with an ephemeral source port there is no one
     * port to watch, and the host-wide TIME_WAIT pile-up is what runs out.
     */
    public static final int ALL_PORTS = 0;
    private ScheduledExecutorService executor;
    private long startNanos;
    private boolean failureLogged;

    public SocketStateSampler(int localPort) {
        this(localPort, DEFAULT_INTERVAL);
    }

    public SocketStateSampler(int localPort, Duration interval) {
        this(localPort, interval, DEFAULT_MAX_DURATION);
    }

    /**
     * @param interval time between samples; null = {@link #DEFAULT_INTERVAL}
     * @param maxDuration the sampler stops by itself this long after {@link #start()}, stopped or
     *                    not; null = {@link #DEFAULT_MAX_DURATION}
     */
    public SocketStateSampler(int localPort, Duration interval, Duration maxDuration) {
        if (localPort < 0 || localPort > 65535) {
            throw new IllegalArgumentException("local port out of range: " + localPort);
        }
        this.localPort = localPort;
        this.interval = interval == null ? DEFAULT_INTERVAL : interval;
        this.maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
        if (this.interval.isNegative() || this.interval.isZero() || this.maxDuration.isNegative()) {
            throw new IllegalArgumentException("interval must be positive and max duration not negative");
        }
    }

    /** False where there is no readable {@code /proc/net/tcp} (macOS, BSD, some sandboxes). */
    public static boolean available() {
        try (BufferedReader r = Files.newBufferedReader(PROC_TCP, StandardCharsets.US_ASCII)) {
            return r.readLine() != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * One reading of the sockets whose local port is {@code localPort}, listening sockets left out.
     *
     * @throws UncheckedIOException if {@code /proc/net/tcp} cannot be read
     */
    public static SocketSample sampleOnce(int localPort, long tMs) {
        int[] counts = new int[2];
        count(PROC_TCP, localPort, counts, true);
        // tcp6 is missing when IPv6 is disabled in the kernel; IPv4 alone is then the whole picture.
        count(PROC_TCP6, localPort, counts, false);
        return new SocketSample(tMs, counts[0], counts[1]);
    }

    /** Begins sampling now, on a daemon thread; the first sample is taken at once. */
    public synchronized SocketStateSampler start() {
        if (executor != null) {
            throw new IllegalStateException("sampler already started");
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
        // Fixed delay, not fixed rate: when TIME_WAIT piles up a read can take longer than the
        // interval, and a fixed rate would then fire catch-up bursts that steal CPU from the load.
        executor.scheduleWithFixedDelay(this::sampleSafely, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        ScheduledExecutorService own = executor;
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
            // Not shutdownNow(): an interrupt would abort a read of /proc mid-file.
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

    private void sampleSafely() {
        long tMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        try {
            SocketSample s = sampleOnce(localPort, tMs);
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

    private static void count(Path file, int localPort, int[] counts, boolean required) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            count(r, localPort, counts);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the lines' ESTABLISHED sockets on {@code localPort} to {@code counts[0]} and TIME_WAIT
     * ones to {@code counts[1]}. Lines look like
     * {@code "   0: 0100007F:0844 0100007F:A1B2 06 00000000:00000000 03:00000F3A 00000000 0 0 0 ..."};
     * the header and anything malformed are skipped.
     */
    static void count(BufferedReader r, int localPort, int[] counts) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            String[] f = BLANKS.split(line.trim(), 5);
            // f[0] "sl:", f[1] local ADDR:PORT, f[2] remote ADDR:PORT, f[3] state
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0 || colon == f[1].length() - 1) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(f[1].substring(colon + 1), 16);
            } catch (NumberFormatException e) {
                continue;
            }
            if (localPort != ALL_PORTS && port != localPort) {
                continue;
            }
            int state;
            try {
                state = Integer.parseInt(f[3], 16);
            } catch (NumberFormatException e) {
                continue;
            }
            if (state == STATE_ESTABLISHED) {
                counts[0]++;
            } else if (state == STATE_TIME_WAIT) {
                counts[1]++;
            }
        }
    }
}
