package ftpdlab.harness.probe;

import ftpdlab.harness.observe.ProcNetTcp;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernel's own socket tables for this network namespace ({@code /proc/net/tcp}, {@code tcp6},
 * {@code udp}, {@code udp6}): every socket in every state, TIME_WAIT entries included. The probe
 * asks them, not a test bind, which ports are free: a bind is answered under the binding socket's
 * own options, so it can succeed on a port that still blocks the next cell's exclusive bind.
 */
public final class KernelTable {

    static final Path NET = Path.of("/proc/net");
    private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");
    private static final int TCP_TIME_WAIT = 0x06;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Path dir;

    public KernelTable() {
        this(NET);
    }

    /** @param dir where the tables are (a test may point it at copies) */
    KernelTable(Path dir) {
        this.dir = dir;
    }

    /** Whether the IPv4 TCP table can be read at all (not on macOS, BSD, some sandboxes). */
    public boolean available() {
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("tcp"), StandardCharsets.US_ASCII)) {
            return r.readLine() != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Every local port that some TCP or UDP socket, of any state and either family, holds. */
    public Set<Integer> portsInUse() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (String table : TABLES) {
            read(table, (port, state) -> ports.add(port));
        }
        return ports;
    }

    /** TCP sockets in TIME_WAIT whose local port is {@code port}. */
    public int timeWait(int port) throws IOException {
        int[] n = new int[1];
        for (String table : List.of("tcp", "tcp6")) {
            read(table, (p, state) -> {
                if (p == port && state == TCP_TIME_WAIT) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /** Waits, bounded by {@code wait}, until a TIME_WAIT entry shows on {@code port}. */
    public void awaitTimeWait(int port, Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        while (timeWait(port) < 1) {
            if (System.nanoTime() - end >= 0) {
                throw new IOException("no TIME_WAIT on port " + port + " within " + wait.toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void read(String table, ProcNetTcp.Row row) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(dir.resolve(table), StandardCharsets.US_ASCII)) {
            ProcNetTcp.forEachSocket(r, row);
        } catch (NoSuchFileException e) {
            // tcp6/udp6 are missing when IPv6 is off; only the IPv4 TCP table is required
            if (table.equals("tcp")) {
                throw e;
            }
        }
    }
}
