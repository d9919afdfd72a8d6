package ftpdlab.data;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BSD ftpd's getdatasock(): bind the fixed port and, on EADDRINUSE, wait {@code tries} units and
 * try again, {@code maxTries} times (1 s units and 10 tries: up to 55 s). By default the bind is
 * exclusive, because BSD's own SO_REUSEADDR never collides on Linux; {@code reuseAddress} restores
 * BSD's exact options.
 */
public final class RetryBindStrategy implements BindStrategy {

    private final int maxTries;
    private final Duration unit;
    private final boolean reuseAddress;

    public RetryBindStrategy(int maxTries, Duration unit, boolean reuseAddress) {
        this.maxTries = maxTries;
        this.unit = unit;
        this.reuseAddress = reuseAddress;
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind.options", reuseAddress ? "SO_REUSEADDR" : "none");
        m.put("bind.retry.max-tries", Integer.toString(maxTries));
        m.put("bind.retry.backoff.ms", Long.toString(unit.toMillis()));
        return m;
    }

    @Override
    public void applyOptions(Socket socket) throws IOException {
        socket.setReuseAddress(reuseAddress);
    }

    @Override
    public Optional<Duration> backoffBefore(int retry) {
        return retry <= maxTries ? Optional.of(unit.multipliedBy(retry)) : Optional.empty();
    }
}
