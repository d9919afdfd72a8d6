package ftpdlab.session;

import ftpdlab.protocol.Command;
import java.util.ArrayDeque;

/**
 * The one owner of a session's reply order. Some replies come late, from another thread: a
 * transfer's final 226 (or ABOR's 426/226) from a data worker, a PASS answer from the password
 * pool or after the failed-login delay. From {@link #delay()} until {@link #delivered()}, commands
 * the client sends are held here instead of run, so none is answered before the late reply.
 *
 * <p>Held commands run again on the session's own command thread: {@link #delivered()} fires
 * {@link #RESUME} through the filter chain, which the ordered executor queues behind whatever the
 * session already sent. When nothing was held, which is the usual case (a client waits for the
 * 226 before its next command), no signal is sent at all and the session costs no extra hand-off.
 */
public final class ReplyGate {

    /** Not a command: the signal that runs the held commands, in order, on the session's command thread. */
    public enum Signal { RESUME }

    public static final Signal RESUME = Signal.RESUME;

    /** What {@link #offer} did with a command. */
    public enum Offer { RUN, HELD, OVERFLOW }

    /** A client that pipelines this much behind a late reply is not waiting for answers. */
    static final int MAX_HELD = 100;

    private final ArrayDeque<Command> held = new ArrayDeque<>();
    private final Runnable fireResume;
    private boolean holding;
    private boolean pending;

    /** @param fireResume sends {@link #RESUME} to the session's command thread */
    ReplyGate(Runnable fireResume) {
        this.fireResume = fireResume;
    }

    /** A reply will come later, from another thread: hold the commands that come until {@link #delivered()}. */
    public synchronized void delay() {
        holding = true;
        pending = true;
    }

    /**
     * The late reply is queued: the commands held behind it run next. Only the first call after a
     * {@link #delay()} does anything.
     */
    public void delivered() {
        synchronized (this) {
            if (!pending) {
                return;
            }
            pending = false;
            if (held.isEmpty()) {
                holding = false;
                return;
            }
        }
        fireResume.run();
    }

    /** Run {@code c} now, or hold it behind a late reply (or behind commands held before it). */
    public synchronized Offer offer(Command c) {
        if (!holding) {
            return Offer.RUN;
        }
        if (held.size() >= MAX_HELD) {
            return Offer.OVERFLOW;
        }
        held.add(c);
        return Offer.HELD;
    }

    /** The next held command to run, or null when none is left (or a new delay began while they ran). */
    public synchronized Command next() {
        if (pending) {
            return null;
        }
        Command c = held.poll();
        if (c == null) {
            holding = false;
        }
        return c;
    }
}
