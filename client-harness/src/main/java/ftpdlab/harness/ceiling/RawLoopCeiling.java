package ftpdlab.harness.ceiling;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel's own cost of what an active-mode server does per transfer, without FTP: connect from one fixed
 * SO_REUSEPORT local port to a loopback listener, write a payload, close; and the listening side's part: accept,
 * read to the end, close. What a fixed-port server of the peer bench spends per transfer beyond this is its own
 * (and its client's).
 *
 * <p>Each client thread plays both ends with its own listener, one connection after another, so the listening side
 * has closed (and the fixed port's side reached TIME_WAIT) before the next connect. Every connection after a
 * client's first thus reuses a 4-tuple in TIME_WAIT, which Linux allows for a socket bound before connect() once
 * TCP timestamps were negotiated (the-case.md, fact 4); where it does not, the connection fails and is counted by
 * its cause.
 */
public final class RawLoopCeiling {

    /** How long one accept or read may wait before the connection counts as failed: never reached on loopback. */
    static final int IO_TIMEOUT_MS = 5_000;

    /**
     * Each client writes its payload before it accepts its own connection, so the payload must fit in the not yet
     * accepted socket's buffers (loopback's defaults hold 128 KiB), or the write would wait for a read that never
     * comes.
     */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final InetAddress address;
    private final int clients;
    private final long count;
    private final int payloadBytes;
    private final Duration maxDuration;

    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Set<Integer> sourcePorts = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    public RawLoopCeiling(InetAddress address, int clients, long count, int payloadBytes, Duration maxDuration) {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the raw loop runs on loopback only, not " + address.getHostAddress());
        }
        if (payloadBytes < 1 || payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload must be 1-" + MAX_PAYLOAD_BYTES + " bytes, not " + payloadBytes);
        }
        this.address = address;
        this.clients = clients;
        this.count = count;
        this.payloadBytes = payloadBytes;
        this.maxDuration = maxDuration;
    }

    /** Runs the loop to its count or its deadline, whichever comes first. */
    public CeilingResult run() throws IOException, InterruptedException {
        List<ServerSocket> listeners = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        // A bound, idle SO_REUSEPORT socket holds the fixed port for the whole run: no other program can take it
        // between two of our connections (only sockets that also set SO_REUSEPORT can share it).
        try (Socket holder = fixedPortSocket(0)) {
            int fixedPort = holder.getLocalPort();
            for (int i = 0; i < clients; i++) {
                ServerSocket listener = new ServerSocket(0, 1, address);
                listener.setSoTimeout(IO_TIMEOUT_MS);
                listeners.add(listener);
            }
            long deadline = System.nanoTime() + maxDuration.toNanos();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            for (ServerSocket listener : listeners) {
                Thread t = new Thread(() -> loop(fixedPort, listener, deadline), "ceiling-" + threads.size());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 2L * IO_TIMEOUT_MS);
            }
            long durationMs = (System.nanoTime() - t0) / 1_000_000;
            long cpuMicros = (processCpuNanos() - cpu0) / 1_000;
            Map<String, Long> byCause = new TreeMap<>();
            failures.forEach((k, v) -> byCause.put(k, v.get()));
            long tried = connected.get() + byCause.values().stream().mapToLong(Long::longValue).sum();
            return new CeilingResult(address.getHostAddress(), fixedPort, List.copyOf(new TreeSet<>(sourcePorts)),
                    clients, count, payloadBytes, connected.get(), received.get(), byCause, durationMs, cpuMicros,
                    tried < count);
        } finally {
            tickets.set(Long.MAX_VALUE / 2); // stops a client still going (interrupted run)
            for (ServerSocket l : listeners) {
                l.close();
            }
        }
    }

    private Socket fixedPortSocket(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setReuseAddress(true);
            s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            s.bind(new InetSocketAddress(address, port));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void loop(int fixedPort, ServerSocket listener, long deadline) {
        byte[] payload = new byte[payloadBytes];
        byte[] buf = new byte[payloadBytes];
        InetSocketAddress target = (InetSocketAddress) listener.getLocalSocketAddress();
        while (System.nanoTime() - deadline < 0 && tickets.getAndIncrement() < count) {
            try {
                try (Socket s = fixedPortSocket(fixedPort)) {
                    s.connect(target, IO_TIMEOUT_MS);
                    s.getOutputStream().write(payload);
                }
                connected.incrementAndGet();
                try (Socket in = listener.accept()) {
                    sourcePorts.add(in.getPort());
                    in.setSoTimeout(IO_TIMEOUT_MS);
                    if (readToEnd(in.getInputStream(), buf) == payloadBytes) {
                        received.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                failures.computeIfAbsent(cause(e), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    private static long readToEnd(InputStream in, byte[] buf) throws IOException {
        long got = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            got += n;
        }
        return got;
    }

    private static String cause(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
