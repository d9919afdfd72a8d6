package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The login review's findings 1 and 2 at the queue itself: a crashing check is answered, a long queue is refused in a loop. */
class PasswordChecksTest {

    private static final InetAddress FROM = InetAddress.getLoopbackAddress();

    /** Records how each check ended. */
    private static final class Recording implements PasswordChecks.Check {
        final List<String> ends;
        final String name;
        final boolean crash;

        Recording(List<String> ends, String name, boolean crash) {
            this.ends = ends;
            this.name = name;
            this.crash = crash;
        }

        @Override
        public boolean stillWanted() {
            return true;
        }

        @Override
        public void run() {
            if (crash) {
                throw new IllegalStateException("boom");
            }
            ends.add(name + " ran");
        }

        @Override
        public void failed(RuntimeException e) {
            ends.add(name + " failed: " + e.getMessage());
        }

        @Override
        public void refused(String why) {
            ends.add(name + " refused: " + why);
        }
    }

    /** Runs tasks only when the test says so; refuses all once shut down. */
    private static final class ManualPool extends AbstractExecutorService {
        final List<Runnable> tasks = new ArrayList<>();
        boolean shutdown;

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.remove(0).run();
            }
        }

        @Override
        public void execute(Runnable r) {
            if (shutdown) {
                throw new RejectedExecutionException("shut down");
            }
            tasks.add(r);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && tasks.isEmpty();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isTerminated();
        }
    }

    /** Finding 2: a check that throws is answered through failed(), and the address's next check still runs. */
    @Test
    void aCrashingCheckIsAnsweredAndTheNextOneRuns() {
        ManualPool pool = new ManualPool();
        PasswordChecks checks = new PasswordChecks(pool);
        List<String> ends = new ArrayList<>();
        checks.submit(FROM, 10, new Recording(ends, "a", true));
        checks.submit(FROM, 10, new Recording(ends, "b", false));
        pool.runAll();
        assertThat(ends).containsExactly("a failed: boom", "b ran");
    }

    /** Finding 1: beyond maxWaiting queued checks from one address, a check is refused at once. */
    @Test
    void checksBeyondTheCapAreRefused() {
        ManualPool pool = new ManualPool();
        PasswordChecks checks = new PasswordChecks(pool);
        List<String> ends = new ArrayList<>();
        for (String n : List.of("running", "q1", "q2", "over")) {
            checks.submit(FROM, 2, new Recording(ends, n, false));
        }
        assertThat(ends).containsExactly("over refused: " + PasswordChecks.TOO_MANY);
        pool.runAll();
        assertThat(ends).containsExactly("over refused: " + PasswordChecks.TOO_MANY, "running ran", "q1 ran", "q2 ran");
    }

    /** Finding 1: at shutdown a long queue is refused item by item in a loop; before, one stack frame pair per item overflowed. */
    @Test
    void aLongQueueIsRefusedAtShutdownWithoutDeepRecursion() {
        ManualPool pool = new ManualPool();
        PasswordChecks checks = new PasswordChecks(pool);
        List<String> ends = new ArrayList<>();
        int queued = 100_000;
        for (int i = 0; i <= queued; i++) {
            checks.submit(FROM, queued, new Recording(ends, "c" + i, false));
        }
        pool.shutdown();
        pool.runAll();
        assertThat(ends).hasSize(queued + 1).first().isEqualTo("c0 ran");
        assertThat(ends).last().isEqualTo("c" + queued + " refused: " + PasswordChecks.SHUTTING_DOWN);
    }
}
