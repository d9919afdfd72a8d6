package ftpdlab.harness.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Ends the load's waits that overran their {@link Deadline}. The clients wait in plain blocking
 * calls, without socket timeouts: on a JDK socket every timed read is a non-blocking read, a
 * poll and a second read, and the profile put that at a tenth of the harness's CPU per transfer.
 * One thread checking every client a few times a second bounds every wait just the same.
 */
final class Watchdog implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param period how often deadlines are checked: a wait may outlive its deadline by this much
     * @param cpuNanos gets this thread's CPU time when it ends, so the harness's own cost counts it
     */
    Watchdog(Duration period, LongConsumer cpuNanos) {
        this.periodNanos = period.toNanos();
        this.thread = new Thread(() -> {
            try {
                run();
            } finally {
                cpuNanos.accept(Math.max(0, THREADS.getCurrentThreadCpuTime()));
            }
        }, "harness-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(Deadline d) {
        deadlines.add(d);
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(periodNanos);
            long now = System.nanoTime();
            for (Deadline d : deadlines) {
                d.check(now);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(thread);
        thread.join();
    }
}
