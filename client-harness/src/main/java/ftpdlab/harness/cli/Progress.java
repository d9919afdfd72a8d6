package ftpdlab.harness.cli;

import ftpdlab.harness.load.TransferRecord;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for one phase, with the failures so far; nothing at all when quiet or not on a terminal. */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private long failed;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean quiet) {
        // System.console() is null when the output is redirected: a bar would only litter a log file.
        if (quiet || System.console() == null) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .build();
        bar.setExtraMessage("0 failed");
        return new Progress(bar);
    }

    /** Called from the client threads as each transfer ends. */
    synchronized void step(TransferRecord r) {
        if (bar == null) {
            return;
        }
        if (!r.ok()) {
            failed++;
        }
        bar.setExtraMessage(failed + " failed");
        bar.step();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
