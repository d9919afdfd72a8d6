package ftpdlab.harness.model;

import java.time.Duration;

/**
 * An exclusive bind after a download: the server closed first, so its side sits in TIME_WAIT on
 * the fixed port for 60 s (Linux's TCP_TIMEWAIT_LEN), and no other exclusive bind gets the port
 * until then. When the retry budget (55 s for BSD) is shorter, every transfer that starts inside
 * that minute gives up: one download per TIME_WAIT window succeeds.
 */
public final class TimeWaitModel {

    /** Linux's TCP_TIMEWAIT_LEN. */
    public static final Duration TIME_WAIT = Duration.ofSeconds(60);

    private TimeWaitModel() {
    }

    /**
     * Downloads that succeed while some transfer keeps retrying for {@code demand}: the first
     * at once, then one each time a TIME_WAIT window ends with a retry waiting to take the port.
     * For one burst the demand is the retry budget (55 s &lt; 60 s: only the first succeeds); for
     * back-to-back transfers it is the whole phase.
     */
    public static long successes(long requested, Duration demand) {
        if (requested == 0) {
            return 0;
        }
        return Math.min(requested, 1 + demand.toMillis() / TIME_WAIT.toMillis());
    }
}
