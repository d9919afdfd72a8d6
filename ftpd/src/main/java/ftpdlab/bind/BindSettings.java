package ftpdlab.bind;

import java.time.Duration;

/**
 * What a strategy's factory may read of the configuration (the {@code data.retry.*} keys): the
 * bind package's own view of it, so bind depends on nothing of config or data.
 */
public record BindSettings(int retryMaxTries, Duration retryBackoff, boolean retryReuseAddress) {
}
