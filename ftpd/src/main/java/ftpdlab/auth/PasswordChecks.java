package ftpdlab.auth;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs password checks (PBKDF2, deliberately slow) on a small pool of their own, so guessers
 * cannot occupy the command threads every other session needs. One check per client address
 * runs at a time; the others from that address wait in its own queue, in arrival order, so
 * one address cannot fill the pool either. A session has at most one check pending, but a
 * client that closes each connection right after PASS leaves its check behind, so each queue
 * is capped by the caller, and a check is asked just before it runs whether it is still wanted
 * (a ban may have begun while it waited).
 */
public final class PasswordChecks {

    /** One password check and the ways it can end. */
    public interface Check {
        /**
         * Asked just before hashing, on the pool: false drops the check unrun (it has answered
         * its client itself if one is still listening).
         */
        boolean stillWanted();

        /** Hashes and answers the client. */
        void run();

        /** {@link #stillWanted} or {@link #run} threw: the client must be answered anyway. */
        void failed(RuntimeException e);

        /** Never run: its address has too many checks waiting, or the server is shutting down. */
        void refused(String why);
    }

    static final String SHUTTING_DOWN = "Server shutting down.";
    static final String TOO_MANY = "Too many logins from your address waiting to be checked; try again later.";

    private final ExecutorService pool;
    private final Map<InetAddress, ArrayDeque<Check>> waiting = new HashMap<>();

    public PasswordChecks(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code check} on the pool after the checks already queued for {@code from}. When
     * {@code maxWaiting} checks from that address already wait, or the server is shutting down,
     * {@link Check#refused} runs instead, on the caller's thread.
     */
    public void submit(InetAddress from, int maxWaiting, Check check) {
        boolean full;
        synchronized (waiting) {
            ArrayDeque<Check> q = waiting.get(from);
            if (q == null) {
                // Nothing from this address is queued or running: this check starts now.
                waiting.put(from, new ArrayDeque<>());
                full = false;
            } else if (q.size() < maxWaiting) {
                q.add(check);
                return;
            } else {
                full = true;
            }
        }
        if (full) {
            check.refused(TOO_MANY);
        } else {
            start(from, check);
        }
    }

    /**
     * Hands {@code check} to the pool; while the pool refuses (shutting down), refuses it and
     * each one queued behind it in turn, in a loop so a long queue cannot overflow the stack.
     */
    private void start(InetAddress from, Check check) {
        for (Check c = check; c != null; c = next(from)) {
            Check mine = c;
            try {
                pool.execute(() -> runThenNext(from, mine));
                return;
            } catch (RejectedExecutionException shuttingDown) {
                mine.refused(SHUTTING_DOWN);
            }
        }
    }

    private void runThenNext(InetAddress from, Check c) {
        try {
            if (c.stillWanted()) {
                c.run();
            }
        } catch (RuntimeException e) {
            c.failed(e);
        } finally {
            Check n = next(from);
            if (n != null) {
                start(from, n);
            }
        }
    }

    /** The next check queued for {@code from}, or null after forgetting the address's empty queue. */
    private Check next(InetAddress from) {
        synchronized (waiting) {
            ArrayDeque<Check> q = waiting.get(from);
            Check n = q == null ? null : q.poll();
            if (n == null) {
                waiting.remove(from);
            }
            return n;
        }
    }
}
