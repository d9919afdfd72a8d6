package ftpdlab.data;

import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.metrics.TransferLog;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One transfer command in flight, from the command to its final reply: the bind tries (and any
 * scheduled back-off), the data socket, and ABOR. Exactly one final reply is sent, by whoever
 * ends the transfer first: the thread moving the data (the session's command thread while
 * nothing has to wait, then a data worker), or ABOR when no thread is inside.
 */
public final class DataTransfer {

    private final ControlChannel control;
    private final TransferJob job;
    private final DataConnectionStats stats;
    private final TransferLog transferLog;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean logged = new AtomicBoolean();

    private boolean aborted;
    // A count, not a flag: the worker a transfer is handed to (or a short back-off's retry) may enter
    // before the thread that handed it on has left.
    private int threadsInside;
    private Future<?> scheduled;
    private Closeable resource;

    private int bindAttempts;
    private long backoffMs;
    private volatile long bytes = -1;
    private volatile DataConnection connection;
    /** A 150 not written yet, because the transfer may end before it would reach the wire; the final reply takes it along. */
    private Reply opening;

    DataTransfer(ControlChannel control, TransferJob job, DataConnectionStats stats, TransferLog transferLog) {
        this.control = control;
        this.job = job;
        this.stats = stats;
        this.transferLog = transferLog;
    }

    public TransferJob job() {
        return job;
    }

    public ControlChannel control() {
        return control;
    }

    long startNanos() {
        return startNanos;
    }

    /** A thread takes the transfer (the command thread, or a worker); false once it was aborted, so it does nothing. */
    synchronized boolean enter() {
        if (aborted || finished.get()) {
            return false;
        }
        threadsInside++;
        return true;
    }

    /**
     * A thread leaves. If ABOR came while it was inside and nobody answered yet (it left to wait
     * for a scheduled retry, say), the last one out answers for the ABOR.
     */
    void exit() {
        boolean answer;
        synchronized (this) {
            threadsInside--;
            answer = aborted && threadsInside == 0 && !finished.get();
        }
        if (answer) {
            finish(null);
        }
    }

    synchronized void scheduled(Future<?> f) {
        this.scheduled = f;
        if (aborted) {
            f.cancel(false);
        }
    }

    /** The data connection is open: ABOR closes it, and until the job says otherwise its bytes are what moved. */
    void connected(DataConnection c) {
        this.connection = c;
        holding(c);
    }

    /**
     * The command thread holds back the 150 while it moves the data without blocking: if that was
     * everything, {@link #finish} writes the 150 and the final reply in one write; else
     * {@link #sendOpening} writes it before the rest of the transfer moves to a worker.
     */
    void holdOpening(Reply reply) {
        this.opening = reply;
    }

    /** Writes a held-back 150 now, if there is one. */
    void sendOpening() {
        sendOpeningWith(null);
    }

    /** The socket or listener ABOR must close to stop a blocked worker. */
    synchronized void holding(Closeable c) {
        this.resource = c;
        if (aborted) {
            closeQuietly(c);
        }
    }

    synchronized boolean aborted() {
        return aborted;
    }

    /**
     * ABOR: stop waiting, close the socket. Answers 426 then 226 itself unless a worker is inside,
     * in which case the worker answers when it notices.
     *
     * @return false when the transfer had already ended: ABOR has nothing to abort
     */
    public boolean abort() {
        boolean answerNow;
        synchronized (this) {
            if (finished.get()) {
                return false;
            }
            aborted = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (resource != null) {
                closeQuietly(resource);
            }
            answerNow = threadsInside == 0;
        }
        if (answerNow) {
            finish(null);
        }
        return true;
    }

    /** The control connection is gone: stop silently. */
    public void cancelSilently() {
        boolean nobodyInside;
        synchronized (this) {
            aborted = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (resource != null) {
                closeQuietly(resource);
            }
            nobodyInside = threadsInside == 0;
        }
        finished.set(true);
        if (nobodyInside) {
            // Waiting for a bind retry, say: no worker will come to tell the log how it ended, or to clean up.
            logOutcome(426);
            job.discard();
        }
    }

    void countBind() {
        bindAttempts++;
    }

    void addBackoff(long ms) {
        backoffMs += ms;
    }

    /** What a completed job says it moved (a TYPE A upload stores other bytes than crossed the wire). */
    void bytes(long n) {
        bytes = n;
    }

    /**
     * Writes the transfer log line and counts the transfer in the statistics, once, with the bytes
     * that actually moved. Called by whoever ends the transfer, also when the control connection
     * vanished first and no reply goes out.
     */
    void logOutcome(int code) {
        if (!logged.compareAndSet(false, true)) {
            return;
        }
        if (connection != null) {
            long n = bytes();
            stats.transferFinished(code == ReplyCode.TRANSFER_COMPLETE.code(), job.upload() ? 0 : n, job.upload() ? n : 0);
        }
        InetSocketAddress remote = control.remoteAddress();
        TransferJob.Subject what = job.subject();
        transferLog.record(new TransferLog.Entry(control.id(),
                remote == null ? "-" : remote.getAddress().getHostAddress(), control.userName(),
                control.anonymousUser(), what.verb(), what.path(), what.file(), what.upload(), what.ascii(), code, bytes(),
                elapsedMs(), bindAttempts, backoffMs));
    }

    public int bindAttempts() {
        return bindAttempts;
    }

    public long backoffMs() {
        return backoffMs;
    }

    /**
     * The bytes the transfer moved: what its job counted once it completed; else what crossed the
     * data connection so far, not 0, since a drained or cut download still moved most of its bytes.
     */
    public long bytes() {
        if (bytes >= 0) {
            return bytes;
        }
        DataConnection c = connection;
        return c == null ? 0 : c.progress();
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Sends the final reply once. A null reply means "aborted": 426 for the transfer, then 226 for
     * the ABOR command.
     */
    boolean finish(Reply reply) {
        logOutcome(reply == null || aborted() ? ReplyCode.TRANSFER_ABORTED.code() : reply.code());
        if (reply == null || aborted() || reply.code() >= 400) {
            // Every failed end passes here (ABOR, a 425 before any data connection, a 4xx/5xx from the job,
            // a worker finishing after the control connection went), so a partial effect such as STOU's
            // claimed name or an open file is always undone; discard() may run twice and must be idempotent.
            job.discard();
        }
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        if (bindAttempts > 0) {
            stats.bindsPerTransfer(bindAttempts);
        }
        control.beforeFinalReply();
        sendOpeningWith(reply == null || aborted() ? null : reply);
        if (reply == null || aborted()) {
            control.reply(Reply.of(ReplyCode.TRANSFER_ABORTED, "Connection closed; transfer aborted."),
                    Reply.of(ReplyCode.TRANSFER_COMPLETE, "ABOR command successful."));
        }
        control.transferEnded(this);
        return true;
    }

    /** The final reply, with a held-back 150 before it in the same write; only the 150 when {@code last} is null. */
    private void sendOpeningWith(Reply last) {
        Reply first = opening;
        opening = null;
        if (first != null && last != null) {
            control.reply(first, last);
        } else if (first != null) {
            control.reply(first);
        } else if (last != null) {
            control.reply(last);
        }
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Closing is how we interrupt; a second error says nothing new.
        }
    }
}
