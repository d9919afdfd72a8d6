package ftpdlab.bind;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Optional;

/**
 * BSD ftpd's getdatasock(): bind the fixed port and, on EADDRINUSE, try again on a
 * {@link RetrySchedule}. By default the bind is exclusive, because BSD's own SO_REUSEADDR never
 * collides on Linux; {@code data.retry.reuse-address} restores BSD's exact options.
 */
public final class RetryBindStrategy implements BindStrategy {

    public static final String NAME = "retry";

    private final RetrySchedule schedule;
    private final boolean reuseAddress;

    public RetryBindStrategy(BindSettings settings) {
        this.schedule = new RetrySchedule(settings.retryMaxTries(), settings.retryBackoff());
        this.reuseAddress = settings.retryReuseAddress();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SocketOption<Boolean>> options() {
        return reuseAddress ? List.of(StandardSocketOptions.SO_REUSEADDR) : List.of();
    }

    @Override
    public Optional<RetrySchedule> retry() {
        return Optional.of(schedule);
    }
}
