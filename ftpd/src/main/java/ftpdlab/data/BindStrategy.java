package ftpdlab.data;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How an active-mode data socket gets its local address: which options it sets before bind(),
 * which port it binds, and whether a bind that collides (EADDRINUSE) is tried again later.
 */
public interface BindStrategy {

    /** The configuration value that selects this strategy. */
    String name();

    /**
     * What SITE STATS reports of this strategy beside its name: {@code bind.options} (the socket
     * options it sets) and, for retry, its schedule, so a load tool can model what it measures.
     */
    Map<String, String> settings();

    /** Sets socket options; runs before bind(). */
    void applyOptions(Socket socket) throws IOException;

    /** The local port to bind: the fixed data port, or 0 for an ephemeral one. */
    default int localPort(int dataPort) {
        return dataPort;
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first retry) after a
     * collision; empty means give up and answer 425.
     */
    default Optional<Duration> backoffBefore(int retry) {
        return Optional.empty();
    }
}
