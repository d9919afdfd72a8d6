package ftpdlab.bind;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BSD ftpd's getdatasock() schedule: after the n-th collision wait n units, at most
 * {@code maxTries} times (1 s units and 10 tries: up to 55 s), then give up.
 */
public record RetrySchedule(int maxTries, Duration unit) {

    public Optional<Duration> backoffBefore(int retry) {
        return retry <= maxTries ? Optional.of(unit.multipliedBy(retry)) : Optional.empty();
    }

    /** The schedule as SITE STATS reports it. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bind.retry.max-tries", Integer.toString(maxTries));
        m.put("bind.retry.backoff.ms", Long.toString(unit.toMillis()));
        return m;
    }
}
