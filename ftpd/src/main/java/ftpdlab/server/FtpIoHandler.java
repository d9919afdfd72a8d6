package ftpdlab.server;

import ftpdlab.commands.CommandDispatcher;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.FtpLineDecoder;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.session.ReplyGate;
import ftpdlab.session.ServerContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.executor.IoEventQueueHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects MINA's session events to {@link FtpSession}s and the {@link CommandDispatcher}. Runs on
 * the ordered executor, except {@link #runInline}, which answers a cheap command on the I/O thread.
 */
final class FtpIoHandler extends IoHandlerAdapter implements IoEventQueueHandler {

    private static final Logger log = LoggerFactory.getLogger(FtpIoHandler.class);
    private static final AttributeKey SESSION = new AttributeKey(FtpIoHandler.class, "ftpSession");
    private static final AttributeKey FLOW = new AttributeKey(FtpIoHandler.class, "commandFlow");

    /*
     * Backpressure on the control connection. A client that pipelines commands and never reads
     * the replies would otherwise fill both unbounded queues: decoded commands waiting in the
     * ordered executor, and replies waiting in MINA's write queue (the write timeout never fires
     * while the client trickles). Over a high-water mark the session stops being read; below the
     * low-water mark of both it is read again. Commands already queued still run, so the write
     * queue can pass the high mark by what one read decodes; past the hard cap the client is cut off.
     */
    static final long WRITE_HIGH = 256 * 1024;
    static final long WRITE_LOW = 64 * 1024;
    static final long WRITE_HARD = 4 * 1024 * 1024;
    static final int QUEUED_HIGH = 64;
    static final int QUEUED_LOW = 16;

    /** One session's commands on their way: the read throttle's count, and what the executor still has. */
    private static final class Flow {
        // The throttle's lock makes each suspend/resume decision and call one step, whichever thread makes it.
        int queued;
        boolean suspended;
        /** Messages handed to the executor and not yet handled; while above 0, nothing may overtake them. */
        final AtomicInteger inExecutor = new AtomicInteger();
        /** Commands answered inline since the last one handed to the executor (only the session's I/O thread touches it). */
        int inlineRun;
    }

    /**
     * A client that pipelines thousands of NOOPs would otherwise have them all answered in one go
     * on the I/O thread that every other session on it waits for; past this many in a row the next
     * command goes through the executor and its read throttle. A client that waits for each reply
     * sends one inline command per transfer (PORT), then RETR, and never reaches it.
     */
    static final int MAX_INLINE_RUN = 32;

    private final ServerContext ctx;
    private final CommandDispatcher dispatcher;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perIp = new ConcurrentHashMap<>();

    FtpIoHandler(ServerContext ctx, CommandDispatcher dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    @Override
    public void sessionOpened(IoSession io) {
        try {
            open(io);
        } finally {
            flow(io).inExecutor.decrementAndGet();
        }
    }

    private void open(IoSession io) {
        FtpSession s = new FtpSession(io, ctx);
        InetAddress ip = s.remoteAddress().getAddress();
        int total = sessions.incrementAndGet();
        int fromIp = perIp.computeIfAbsent(ip, k -> new AtomicInteger()).incrementAndGet();
        String refusal = total > ctx.config().maxSessions() ? "Too many connections; try again later."
                : fromIp > ctx.config().maxSessionsPerIp() ? "Too many connections from your address."
                : ctx.logins().banned(ip) ? "Too many failed logins from your address; try again later." : null;
        if (refusal == null) {
            refusal = s.waitToLogIn();
        }
        if (refusal != null) {
            // Not attached: whatever the client sends before the close is ignored.
            release(ip);
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, refusal));
            return;
        }
        io.setAttribute(SESSION, s);
        ctx.stats().sessionOpened();
        log.debug("{} connected", s);
        s.reply(ReplyCode.SERVICE_READY, "ftpd-lab ready (active data from port " + ctx.dataPort() + ", bind strategy "
                + ctx.config().bindStrategy() + ").");
    }

    /**
     * For each message on its way to the executor (a command, on the session's I/O thread): answers
     * an inline command here and returns true, or counts the message as the executor's and returns
     * false. Inline is safe only while the executor has nothing of the session's: a command may not
     * overtake one queued or running before it. Held commands need no check: the dispatcher's gate
     * holds this one too.
     */
    boolean runInline(IoSession io, Object message) {
        Flow f = flow(io);
        FtpSession s = (FtpSession) io.getAttribute(SESSION);
        // Commands come only from the decoder, on the session's I/O thread; RESUME comes from any thread.
        if (s != null && message instanceof Command c) {
            if (f.inlineRun < MAX_INLINE_RUN && f.inExecutor.get() == 0 && dispatcher.inline(c)) {
                f.inlineRun++;
                if (!io.isClosing()) {
                    handle(io, s, c);
                }
                return true;
            }
            f.inlineRun = 0;
        }
        f.inExecutor.incrementAndGet();
        return false;
    }

    /** On the I/O thread: an event other than a message goes to the executor, which then has something of the session's. */
    void queuedForExecutor(IoSession io) {
        flow(io).inExecutor.incrementAndGet();
    }

    @Override
    public void messageReceived(IoSession io, Object message) {
        try {
            FtpSession s = (FtpSession) io.getAttribute(SESSION);
            if (s != null && !io.isClosing()) {
                handle(io, s, message);
            }
        } finally {
            flow(io).inExecutor.decrementAndGet();
        }
    }

    private void handle(IoSession io, FtpSession s, Object message) {
        if (s.closing()) {
            // A 421 or 221 is on its way and the connection closes after it: nothing more is answered.
            return;
        }
        long unread = io.getScheduledWriteBytes();
        if (unread > WRITE_HARD) {
            log.warn("{} closed: {} bytes of replies unread, the client sends commands without reading", s, unread);
            io.closeNow();
            return;
        }
        if (message == ReplyGate.RESUME) {
            dispatcher.resume(s);
        } else {
            dispatcher.dispatch(s, (Command) message);
        }
        throttle(io, 0);
    }

    /** Runs on the I/O thread (the executor filter does not take MESSAGE_SENT): cheap. */
    @Override
    public void messageSent(IoSession io, Object message) {
        throttle(io, 0);
    }

    @Override
    public boolean accept(Object executor, IoEvent event) {
        return true;
    }

    /** A command was decoded and queued for the session's command thread (on the I/O thread). */
    @Override
    public void offered(Object executor, IoEvent event) {
        if (event.getType() == IoEventType.MESSAGE_RECEIVED) {
            throttle(event.getSession(), 1);
        }
    }

    /** A queued command is about to run. */
    @Override
    public void polled(Object executor, IoEvent event) {
        if (event.getType() == IoEventType.MESSAGE_RECEIVED) {
            throttle(event.getSession(), -1);
        }
    }

    private static Flow flow(IoSession io) {
        Flow f = (Flow) io.getAttribute(FLOW);
        if (f == null) {
            Flow fresh = new Flow();
            f = (Flow) io.setAttributeIfAbsent(FLOW, fresh);
            f = f == null ? fresh : f;
        }
        return f;
    }

    private static void throttle(IoSession io, int queuedDelta) {
        Flow t = flow(io);
        synchronized (t) {
            t.queued += queuedDelta;
            long unread = io.getScheduledWriteBytes();
            if (!t.suspended && (t.queued > QUEUED_HIGH || unread > WRITE_HIGH)) {
                t.suspended = true;
                io.suspendRead();
            } else if (t.suspended && t.queued <= QUEUED_LOW && unread <= WRITE_LOW) {
                t.suspended = false;
                io.resumeRead();
            }
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        FtpSession s = (FtpSession) io.getAttribute(SESSION);
        // A long transfer keeps the control connection quiet; that is not idleness.
        if (s != null && !s.transferInProgress()) {
            log.info("{} idle timeout", s);
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Idle timeout; closing control connection."));
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        FtpSession s = (FtpSession) io.removeAttribute(SESSION);
        if (s == null) {
            return;
        }
        s.dispose();
        ctx.stats().sessionClosed();
        release(((InetSocketAddress) io.getRemoteAddress()).getAddress());
        log.debug("{} closed", s);
    }

    private void release(InetAddress ip) {
        sessions.decrementAndGet();
        perIp.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("session={} remote={} connection error: {}", io.getId(), io.getRemoteAddress(), cause.toString());
        } else {
            log.warn("session={} remote={} unexpected error", io.getId(), io.getRemoteAddress(), cause);
        }
        io.closeNow();
    }

    /**
     * Closes, with a 421, the connections that overstay: not logged in after limits.login-timeout,
     * or with a line unfinished for limits.line-timeout. Runs on the timer; a write and a close
     * never block it.
     */
    void enforceDeadlines(Iterable<IoSession> all) {
        long now = System.nanoTime();
        var limits = ctx.config().limits();
        for (FtpSession late : ctx.preLogin().overdue(limits.loginTimeout(), now)) {
            if (late.closing()) {
                continue;
            }
            log.info("{} login timeout", late);
            late.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Login timeout; closing control connection."));
        }
        for (IoSession io : all) {
            Long since = FtpLineDecoder.unfinishedLineSince(io);
            // A session without an FtpSession attached was refused and is closing already.
            FtpSession s = (FtpSession) io.getAttribute(SESSION);
            if (s != null && !s.closing() && since != null && now - since >= limits.lineTimeout().toNanos()) {
                log.info("{} line timeout: a line unfinished for {}", s, limits.lineTimeout());
                s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Line timeout; closing control connection."));
            }
        }
        ctx.logins().forgetExpired();
    }

    int sessionCount() {
        return sessions.get();
    }
}
