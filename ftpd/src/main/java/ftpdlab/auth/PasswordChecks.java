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
 * one address cannot fill the pool either. The queues are bounded by the sessions that may
 * exist: a session has at most one check pending (its later commands are held meanwhile).
 */
public final class PasswordChecks {

    private final ExecutorService pool;
    private final Map<InetAddress, ArrayDeque<Runnable>> waiting = new HashMap<>();

    public PasswordChecks(ExecutorService pool) {
        this.pool = pool;
    }

    /**
     * Runs {@code check} on the pool after the checks already queued for {@code from}; if the
     * server is shutting down, runs {@code refused} instead, on the caller's thread.
     */
    public void submit(InetAddress from, Runnable check, Runnable refused) {
        synchronized (waiting) {
            ArrayDeque<Runnable> q = waiting.get(from);
            if (q != null) {
                q.add(() -> runOrRefuse(from, check, refused));
                return;
            }
            waiting.put(from, new ArrayDeque<>());
        }
        runOrRefuse(from, check, refused);
    }

    private void runOrRefuse(InetAddress from, Runnable check, Runnable refused) {
        try {
            pool.execute(() -> {
                try {
                    check.run();
                } finally {
                    next(from);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            refused.run();
            next(from);
        }
    }

    private void next(InetAddress from) {
        Runnable n;
        synchronized (waiting) {
            ArrayDeque<Runnable> q = waiting.get(from);
            n = q == null ? null : q.poll();
            if (n == null) {
                waiting.remove(from);
            }
        }
        if (n != null) {
            n.run();
        }
    }
}
