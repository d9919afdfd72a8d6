package ftpdlab.harness.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out ports that no socket of this network namespace holds, in any state, as the kernel's
 * tables list them ({@link KernelTable}); never the same port twice in one run. Not a port from a
 * ServerSocket bound to 0: a JDK ServerSocket sets SO_REUSEADDR, and Linux then offers it ports
 * that TIME_WAIT entries still hold, where the next exclusive bind fails (52 of 64 cells right
 * after a load). Picked below the ephemeral range, so that the host's own outgoing connections
 * are unlikely to take the port between the pick and the cell's bind.
 */
public final class FreePorts implements PortSource {

    private static final int TRIES = 2000;

    private final KernelTable table;
    private final int low;
    private final int high;
    private final Set<Integer> given = new HashSet<>();

    /** @param low,high the range to pick from, both inclusive */
    FreePorts(KernelTable table, int low, int high) {
        if (low < 1 || high > 65535 || low > high) {
            throw new IllegalArgumentException("bad port range " + low + "-" + high);
        }
        this.table = table;
        this.low = low;
        this.high = high;
    }

    /** Ports 10000 up to the start of net.ipv4.ip_local_port_range (or 1024-65535 if that range is unusual). */
    public static FreePorts belowEphemeralRange(int ephemeralLow) {
        return ephemeralLow > 11_000 ? new FreePorts(new KernelTable(), 10_000, ephemeralLow - 1)
                : new FreePorts(new KernelTable(), 1024, 65535);
    }

    @Override
    public synchronized int next(InetAddress address) throws IOException {
        if (!table.available()) {
            return exclusiveEphemeral(address);
        }
        Set<Integer> used = table.portsInUse();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < TRIES; i++) {
            int port = random.nextInt(low, high + 1);
            if (!used.contains(port) && given.add(port)) {
                return port;
            }
        }
        // A small range (tests) is searched in full rather than left to chance.
        for (int port = low; port <= high; port++) {
            if (!used.contains(port) && given.add(port)) {
                return port;
            }
        }
        throw new IOException("no port in " + low + "-" + high + " is free of sockets of every state");
    }

    /**
     * Without the kernel's table: a port the kernel gives an exclusive bind (no SO_REUSEADDR), which
     * it never takes from a TIME_WAIT entry. A socket that never connects leaves nothing behind.
     */
    private int exclusiveEphemeral(InetAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(address, 0));
            given.add(s.getLocalPort());
            return s.getLocalPort();
        }
    }
}
