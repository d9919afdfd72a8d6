package ftpdlab.harness.model;

import java.time.Duration;

/**
 * BSD ftpd's retry loop under a burst: N transfers try the fixed port at once, one wins and holds
 * it for {@code hold}; the others sleep 1, 2, 3 ... units and all wake together, so each round
 * has at most one winner. With hold < unit every round has exactly one, so at most
 * 1 + maxTries transfers of the burst ever get the port.
 */
public final class LockstepRetryModel {

    private LockstepRetryModel() {
    }

    /** Round k (0 = the first try) happens at unit * k(k+1)/2: the sum of the sleeps before it. */
    static long roundAtMs(int k, Duration unit) {
        return unit.toMillis() * k * (k + 1L) / 2;
    }

    /** Transfers of the burst that get the port. */
    public static int winners(int burst, Duration hold, Duration unit, int maxTries) {
        int waiting = burst;
        int winners = 0;
        long freeAt = 0;
        for (int k = 0; k <= maxTries && waiting > 0; k++) {
            long t = roundAtMs(k, unit);
            if (t >= freeAt) {
                winners++;
                waiting--;
                freeAt = t + hold.toMillis();
            }
        }
        return winners;
    }

    /** Total wait of one transfer that gives up: unit * maxTries(maxTries+1)/2 (55 s for BSD's 1 s and 10). */
    public static Duration budget(Duration unit, int maxTries) {
        return Duration.ofMillis(roundAtMs(maxTries, unit));
    }
}
