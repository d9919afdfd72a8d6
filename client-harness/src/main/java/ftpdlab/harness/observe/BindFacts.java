package ftpdlab.harness.observe;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What SITE STATS says of how the server binds its active data sockets, read from the strategy's
 * own settings ({@code bind.options}, {@code bind.fixed-port}, {@code bind.retry.*}), never from
 * its name: a strategy the harness has never heard of is modelled by what it does.
 *
 * @param strategy the server's name for it ({@code bind.strategy}), for display only
 * @param options the socket options set before bind(), {@code none} or e.g. {@code SO_REUSEPORT+SO_REUSEADDR}
 * @param fixedPort whether every data connection comes from the one data port
 * @param retryMaxTries retries after a colliding bind; 0 answers 425 at once
 * @param retryUnit the back-off unit of those retries (retry n waits n units)
 */
public record BindFacts(String strategy, String options, boolean fixedPort, int retryMaxTries, Duration retryUnit) {

    /**
     * The facts of a SITE STATS reading, or empty when it has no {@code bind.strategy} (not an
     * ftpd-lab server). Like {@code bind.retry.*}, {@code bind.fixed-port} is only there when it
     * departs from the default: without it the server binds the fixed port, RFC 959's way.
     */
    public static Optional<BindFacts> of(Map<String, String> stats) {
        if (stats == null || !stats.containsKey("bind.strategy")) {
            return Optional.empty();
        }
        return Optional.of(new BindFacts(stats.get("bind.strategy"), stats.getOrDefault("bind.options", "none"),
                !"false".equals(stats.get("bind.fixed-port")), (int) number(stats, "bind.retry.max-tries"),
                Duration.ofMillis(number(stats, "bind.retry.backoff.ms"))));
    }

    public boolean retries() {
        return retryMaxTries > 0;
    }

    /** Whether Linux lets its non-listening data sockets share the port: either reuse option does. */
    public boolean sharesPort() {
        return options.contains("SO_REUSEPORT") || options.contains("SO_REUSEADDR");
    }

    /** SO_REUSEADDR alone: shares on Linux, collides on BSD and macOS. */
    public boolean reuseAddressOnly() {
        return options.contains("SO_REUSEADDR") && !options.contains("SO_REUSEPORT");
    }

    private static long number(Map<String, String> stats, String name) {
        try {
            return Long.parseLong(stats.getOrDefault(name, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
