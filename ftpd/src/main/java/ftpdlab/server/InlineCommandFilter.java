package ftpdlab.server;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Sits in front of the executor filter: a cheap command (PORT, TYPE, NOOP, ...) of a session with
 * nothing queued is answered on the I/O thread that decoded it, everything else goes on to the
 * session's command thread. See {@link FtpIoHandler#runInline}.
 */
final class InlineCommandFilter extends IoFilterAdapter {

    private final FtpIoHandler handler;

    InlineCommandFilter(FtpIoHandler handler) {
        this.handler = handler;
    }

    /** The greeting runs on the executor; no command may be answered before it. */
    @Override
    public void sessionOpened(NextFilter next, IoSession io) throws Exception {
        handler.queuedForExecutor(io);
        next.sessionOpened(io);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession io, Object message) {
        if (!handler.runInline(io, message)) {
            next.messageReceived(io, message);
        }
    }
}
