package ftpdlab.harness.cli;

import ftpdlab.harness.load.LoadRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a load: stop the running phase, then let the main thread print the partial
 * results and write the report before the JVM exits.
 */
final class Interrupts {

    private volatile LoadRunner current;
    private volatile boolean interrupted;
    private final CountDownLatch reported = new CountDownLatch(1);

    Interrupts() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupted = true;
            LoadRunner r = current;
            if (r != null) {
                r.stop();
            }
            try {
                // Bounded: a report that can't be written in time is not worth a hung terminal.
                reported.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "harness-ctrl-c"));
    }

    void running(LoadRunner r) {
        current = r;
        if (interrupted) {
            r.stop();
        }
    }

    boolean interrupted() {
        return interrupted;
    }

    void done() {
        reported.countDown();
    }
}
