package ftpdlab.harness.observe;

/**
 * Counts the kernel's TCP sockets on one local port by state, one way or another: through the
 * kernel's own filter ({@link SsCommand}) or by reading every socket of the host ({@link ProcNetTcp}).
 */
public interface SocketCounter {

    /** Port 0: every local port (host-wide), for a server without a fixed data port. */
    int ALL_PORTS = 0;

    /**
     * One reading of the non-listening sockets whose local port is {@code localPort}.
     *
     * @throws java.io.UncheckedIOException when the source cannot be read
     */
    SocketSample sample(int localPort, long tMs);

    /** What a phase's setting records as {@code sockets.source}: {@code ss} or {@code /proc/net/tcp}. */
    String name();

    /** {@code ss} where it runs, else {@code /proc/net/tcp} where readable, else null (macOS, BSD, sandboxes). */
    static SocketCounter best() {
        if (SsCommand.works()) {
            return new SsCommand();
        }
        return ProcNetTcp.available() ? new ProcNetTcp() : null;
    }
}
