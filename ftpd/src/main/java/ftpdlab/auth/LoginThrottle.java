package ftpdlab.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Failed logins counted per client address, across connections (a guesser who reconnects each
 * time is still slowed): the 530 after the n-th failure is delayed n x the base delay (RFC 2577),
 * and after {@code banAfter} failures the address is banned until {@code banTime} after its last
 * failure, when its record is forgotten. Thread-safe; never sleeps or schedules anything
 * itself, so the caller picks its own timer.
 */
public final class LoginThrottle {

    /** Beyond this a client just looks hung; the ban does the rest. */
    static final Duration MAX_DELAY = Duration.ofSeconds(5);

    /**
     * What one failure costs.
     *
     * @param delay before the 530 (or 421)
     * @param banStarted this failure banned the address (to be logged once, now)
     */
    public record Verdict(Duration delay, boolean banStarted) {
    }

    private static final class Record {
        int failures;
        long lastFailure;
    }

    private final Duration baseDelay;
    private final int banAfter;
    private final long banNanos;
    private final LongSupplier clock;
    private final Map<InetAddress, Record> byAddress = new HashMap<>();

    public LoginThrottle(Duration baseDelay, int banAfter, Duration banTime) {
        this(baseDelay, banAfter, banTime, System::nanoTime);
    }

    LoginThrottle(Duration baseDelay, int banAfter, Duration banTime, LongSupplier clock) {
        Objects.requireNonNull(baseDelay, "baseDelay");
        if (banAfter < 1) {
            throw new IllegalArgumentException("banAfter must be >= 1, got " + banAfter);
        }
        if (baseDelay.isNegative() || banTime.isNegative() || banTime.isZero()) {
            throw new IllegalArgumentException("delays must be positive: base " + baseDelay + ", ban " + banTime);
        }
        this.baseDelay = baseDelay;
        this.banAfter = banAfter;
        this.banNanos = banTime.toNanos();
        this.clock = clock;
    }

    /** Records a failure from {@code from}: the delay before answering, and whether a ban began. */
    public synchronized Verdict recordFailure(InetAddress from) {
        long now = clock.getAsLong();
        Record r = current(from, now);
        if (r == null) {
            r = new Record();
            byAddress.put(from, r);
        }
        if (r.failures < Integer.MAX_VALUE) {
            r.failures++;
        }
        r.lastFailure = now;
        return new Verdict(delay(baseDelay, r.failures), r.failures == banAfter);
    }

    /** The address failed {@code banAfter} times and its ban has not ended. */
    public synchronized boolean banned(InetAddress from) {
        Record r = current(from, clock.getAsLong());
        return r != null && r.failures >= banAfter;
    }

    public synchronized int failures(InetAddress from) {
        Record r = current(from, clock.getAsLong());
        return r == null ? 0 : r.failures;
    }

    /** Drops the records of addresses whose failures (and ban) have expired, so the table stays small. */
    public synchronized void forgetExpired() {
        long now = clock.getAsLong();
        byAddress.values().removeIf(r -> expired(r, now));
    }

    private Record current(InetAddress from, long now) {
        Record r = byAddress.get(from);
        if (r != null && expired(r, now)) {
            byAddress.remove(from);
            return null;
        }
        return r;
    }

    // A ban lasts banTime after the last failure, so failures made during a ban (from sessions
    // already open) extend it.
    private boolean expired(Record r, long now) {
        return now - r.lastFailure >= banNanos;
    }

    /** base x failures, capped at {@link #MAX_DELAY}; compared before multiplying so a large base cannot overflow. */
    static Duration delay(Duration base, int failures) {
        if (base.compareTo(MAX_DELAY.dividedBy(failures)) > 0) {
            return MAX_DELAY;
        }
        return base.multipliedBy(failures);
    }
}
