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
     * Downloads that succeed in a phase of {@code duration}: the first, then one more each time a
     * TIME_WAIT window has passed and a retry lands after it, never more than requested.
     */
    public static long successes(long requested, Duration duration, Duration budget) {
        if (requested == 0) {
            return 0;
        }
        if (budget.compareTo(TIME_WAIT) >= 0) {
            // Every waiter outlasts the block: they succeed one per window, as far as time allows.
            return Math.min(requested, 1 + duration.toMillis() / TIME_WAIT.toMillis());
        }
        return Math.min(requested, 1 + duration.toMillis() / (TIME_WAIT.toMillis() + budget.toMillis()));
    }
}
