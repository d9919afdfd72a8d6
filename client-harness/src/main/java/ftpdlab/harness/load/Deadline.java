package ftpdlab.harness.load;

import java.math.BigDecimal;

/**
 * How long one client's current wait (a reply, an accept, a read, a write, a connect) may last.
 * The client arms it before the wait and disarms it after; a {@link Watchdog} that finds it past
 * due runs its expiry action, which closes the client's sockets and so ends the wait at once.
 */
final class Deadline {

    private final Runnable onExpiry;
    private volatile long due;
    private volatile boolean armed;
    private volatile boolean expired;

    /** @param onExpiry closes whatever the client may be waiting on; runs on the watchdog's thread */
    Deadline(Runnable onExpiry) {
        this.onExpiry = onExpiry;
    }

    /** The next wait may last {@code nanos}. */
    void arm(long nanos) {
        due = System.nanoTime() + nanos;
        armed = true;
    }

    void disarm() {
        armed = false;
    }

    /** Whether a wait ran past its deadline: its sockets were closed, and the session is over. */
    boolean expired() {
        return expired;
    }

    /** Called by the watchdog: ends an armed wait that is past due. */
    void check(long now) {
        // nanoTime may be negative: compare the difference, never the values
        if (armed && !expired && now - due > 0) {
            expired = true;
            onExpiry.run();
        }
    }

    /** {@code nanos} for a message: "120 s", "0.2 s". */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + " s";
    }

    /** A new session starts with no wait overrun. */
    void reset() {
        armed = false;
        expired = false;
    }
}
