package ftpdlab.harness.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Ceilings set by ports and TIME_WAIT. A connection the server closes first holds its 4-tuple
 * for 60 s; so
 * <ul>
 *   <li>an ephemeral source port (bind port 0) sustains at most (port range) / 60 s new data
 *       connections a second: about 470 with Linux's 32768-60999;</li>
 *   <li>a fixed source port with TCP timestamps off sustains at most (the client's distinct
 *       listener ports) / 60 s per client address: Linux's bind(0) hands out odd ports only,
 *       14,116 of that range, about 235 a second; and a listener that sets SO_REUSEADDR (Java's
 *       ServerSocket does, so commons-net's active-mode listener does) is first offered only the
 *       lower half of the range: 7,058 ports, about 118 a second.</li>
 * </ul>
 */
public final class PortRangeModel {

    private PortRangeModel() {
    }

    /**
     * net.ipv4.ip_local_port_range of this process's network namespace as [low, high]; Linux's
     * default when unreadable. Read by lines: Files.readString trusts the size /proc reports and
     * returns only the first byte of a sysctl file, which silently fell back to the default.
     */
    public static int[] localPortRange() {
        try {
            String[] f = String.join(" ", Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))).trim()
                    .split("\\s+");
            return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }

    public static int rangeSize(int[] range) {
        return range[1] - range[0] + 1;
    }

    /** Odd ports in the range: what bind(0) hands out on Linux (it keeps even ones for connect()). */
    public static int oddPorts(int[] range) {
        int first = range[0] % 2 == 1 ? range[0] : range[0] + 1;
        return first > range[1] ? 0 : (range[1] - first) / 2 + 1;
    }

    /**
     * The ports bind(0) offers a listener: odd ones, and only in the lower half of the range when
     * it sets SO_REUSEADDR (inet_csk_find_open_port tries that half first for such sockets).
     */
    public static int listenerPorts(int[] range, boolean reuseAddress) {
        int high = reuseAddress ? range[0] + ((range[1] - range[0]) >> 1) : range[1];
        return oddPorts(new int[] {range[0], high});
    }

    /** New connections a second that {@code ports} ports sustain when each is held for {@code hold}. */
    public static double ceilingPerSecond(int ports, Duration hold) {
        return ports / (hold.toMillis() / 1000.0);
    }
}
