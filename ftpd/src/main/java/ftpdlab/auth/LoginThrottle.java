package ftpdlab.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-session count of failed logins (RFC 2577): tells the caller how long to delay the 530
 * and when to close. Thread-safe. Does NOT sleep or schedule anything itself, so the I/O
 * thread never blocks and the caller picks its own timer.
 */
public final class LoginThrottle {

    /** Beyond this a client just looks hung; closing after maxFailures does the rest. */
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final int maxFailures;
    private final Duration baseDelay;
    private int failures;

    public LoginThrottle(int maxFailures, Duration baseDelay) {
        Objects.requireNonNull(baseDelay, "baseDelay");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be >= 1, got " + maxFailures);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative, got " + baseDelay);
        }
        this.maxFailures = maxFailures;
        this.baseDelay = baseDelay;
    }

    /** Records a failure; returns the delay before the 530 reply: baseDelay * failuresSoFar, capped at 5 s. */
    public synchronized Duration recordFailure() {
        // Saturate rather than wrap, in case a caller ignores exhausted() and keeps going.
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        // Comparing before multiplying avoids Duration overflow for large base delays.
        if (baseDelay.compareTo(MAX_DELAY.dividedBy(failures)) > 0) {
            return MAX_DELAY;
        }
        return baseDelay.multipliedBy(failures);
    }

    /** failures >= maxFailures: the caller closes the session after replying. */
    public synchronized boolean exhausted() {
        return failures >= maxFailures;
    }

    /** On successful login. */
    public synchronized void reset() {
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }
}
