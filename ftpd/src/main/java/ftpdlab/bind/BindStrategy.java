package ftpdlab.bind;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an active-mode data socket gets its local address: which options it sets before bind(),
 * which port it binds, and whether a bind that collides (EADDRINUSE) is tried again later.
 * A strategy declares these as traits; what the socket gets and what SITE STATS reports are both
 * derived from them, so the report cannot disagree with the socket and no reader needs the name.
 */
public interface BindStrategy {

    /** The configuration value that selects this strategy (its class's {@code NAME}, as registered). */
    String name();

    /** The boolean socket options it turns on before bind(), in the order SITE STATS names them. */
    List<SocketOption<Boolean>> options();

    /** Whether it binds the fixed data port; false binds port 0, an ephemeral port. */
    default boolean fixedPort() {
        return true;
    }

    /** Its retry schedule after a collision; empty answers 425 at the first one. */
    default Optional<RetrySchedule> retry() {
        return Optional.empty();
    }

    /**
     * What SITE STATS reports of this strategy beside its name, so a load tool can model what it
     * measures: {@code bind.options}; {@code bind.fixed-port=false} if it binds no fixed port; and,
     * if it retries, its schedule. As with the schedule, a key that would state the default (a
     * fixed port, no retry) is left out, so the default strategy's names stay the documented set.
     */
    default Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind.options", options().isEmpty() ? "none"
                : options().stream().map(SocketOption::name).collect(Collectors.joining("+")));
        if (!fixedPort()) {
            m.put("bind.fixed-port", "false");
        }
        retry().ifPresent(r -> m.putAll(r.settings()));
        return m;
    }

    /** Sets {@link #options()}; runs before bind(). An option this platform lacks fails the bind, never silently. */
    default void applyOptions(Socket socket) throws IOException {
        for (SocketOption<Boolean> option : options()) {
            try {
                socket.setOption(option, true);
            } catch (UnsupportedOperationException e) {
                throw new IOException(option.name() + " is not supported on this platform", e);
            }
        }
    }

    /** The local port to bind: the fixed data port, or 0 for an ephemeral one. */
    default int localPort(int dataPort) {
        return fixedPort() ? dataPort : 0;
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first retry) after a
     * collision; empty means give up and answer 425.
     */
    default Optional<Duration> backoffBefore(int retry) {
        return retry().flatMap(r -> r.backoffBefore(retry));
    }
}
