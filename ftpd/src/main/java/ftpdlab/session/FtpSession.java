package ftpdlab.session;

import ftpdlab.auth.User;
import ftpdlab.data.ControlChannel;
import ftpdlab.data.DataEndpoint;
import ftpdlab.data.DataTransfer;
import ftpdlab.data.PassiveListener;
import ftpdlab.fs.ListingFormatter;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.Replies;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the server knows about one client: who it is, where it is, how the next transfer
 * goes, and the transfer in flight. Commands of one session run one at a time (MINA's ordered
 * executor), but transfers may end on worker threads, so what both touch is atomic or volatile.
 */
public final class FtpSession implements ControlChannel {

    private static final Logger log = LoggerFactory.getLogger(FtpSession.class);
    /** How long a closing session's last reply may take to go out before the connection is cut. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(3);

    private final IoSession io;
    private final ServerContext ctx;
    private volatile long waitingSinceNanos = System.nanoTime();
    private final AtomicInteger loginFailures = new AtomicInteger();
    private final AtomicInteger preLoginCommands = new AtomicInteger();
    private final Object endpointLock = new Object();
    private final AtomicReference<DataTransfer> transfer = new AtomicReference<>();

    private volatile String pendingUser;
    private volatile User user;
    private volatile String cwd = "/";
    private volatile TransferType type = TransferType.ASCII;
    private volatile long restOffset;
    private volatile String renameFrom;
    private volatile VirtualFileSystem fs;
    private volatile DataEndpoint endpoint;
    private ScheduledFuture<?> endpointExpiry; // guarded by endpointLock
    private volatile boolean epsvAll;
    private volatile Set<String> mlstFacts = ListingFormatter.ALL_FACTS;
    private volatile boolean quitAfterTransfer;
    private final AtomicBoolean closing = new AtomicBoolean();

    private final ReplyGate gate;

    public FtpSession(IoSession io, ServerContext ctx) {
        this.io = io;
        this.ctx = ctx;
        this.gate = new ReplyGate(() -> {
            if (io.isConnected() && !io.isClosing()) {
                io.getFilterChain().fireMessageReceived(ReplyGate.RESUME);
            }
        });
    }

    /** The owner of this session's reply order: late replies, and the commands held behind them. */
    public ReplyGate gate() {
        return gate;
    }

    public ServerContext ctx() {
        return ctx;
    }

    @Override
    public long id() {
        return io.getId();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) io.getRemoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) io.getLocalAddress();
    }

    @Override
    public String userName() {
        User u = user;
        return u == null ? "-" : u.name();
    }

    @Override
    public boolean anonymousUser() {
        User u = user;
        return u != null && u.anonymous();
    }

    @Override
    public void reply(Reply reply) {
        write(reply);
    }

    @Override
    public void reply(Reply first, Reply then) {
        write(Replies.of(first, then));
    }

    /** A {@link Reply} or {@link Replies}, unless the connection is gone or going. */
    private void write(Object replies) {
        if (io.isConnected() && !io.isClosing()) {
            io.write(replies);
        }
    }

    public void reply(ReplyCode code, String text) {
        reply(Reply.of(code, text));
    }

    /**
     * Replies, then closes the control connection once the reply is on the wire; only the first
     * call on a session does anything. A client that does not read would keep the reply, and so
     * the connection, forever (and every deadline sweep would queue one more): after
     * {@link #CLOSE_GRACE} it is closed whether the reply went out or not.
     */
    public void replyAndClose(Reply reply) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (!io.isConnected() || io.isClosing()) {
            io.closeNow();
            return;
        }
        io.write(reply).addListener(f -> io.closeNow());
        try {
            ScheduledFuture<?> force = ctx.timer().schedule(() -> {
                if (!io.isClosing()) {
                    log.info("{} closed: the client did not read its last reply within {}", this, CLOSE_GRACE);
                    io.closeNow();
                }
            }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            io.getCloseFuture().addListener(f -> force.cancel(false));
        } catch (RejectedExecutionException shuttingDown) {
            // The server is stopping and closes every session itself.
        }
    }

    /** True once {@link #replyAndClose} ran: the session is on its way out. */
    public boolean closing() {
        return closing.get();
    }

    /** The connection is gone or going, whoever closed it: work queued for it is no longer wanted. */
    public boolean closed() {
        return closing.get() || !io.isConnected() || io.isClosing();
    }

    @Override
    public void beforeFinalReply() {
        gate.delay();
    }

    @Override
    public void transferEnded(DataTransfer t) {
        transfer.compareAndSet(t, null);
        if (quitAfterTransfer) {
            sayGoodbye();
        }
        // Commands held behind the final reply (or an ABOR's 426/226) run now.
        gate.delivered();
    }

    /** QUIT: 221 and close, once (see replyAndClose), whether QUIT or the end of its transfer gets here first. */
    public void sayGoodbye() {
        replyAndClose(Reply.of(ReplyCode.CLOSING_CONTROL, "Goodbye."));
    }

    // --- login

    /** Since when ({@link System#nanoTime()}) the session waits to log in: its connect, or its last REIN; for the login timeout. */
    public long waitingSinceNanos() {
        return waitingSinceNanos;
    }

    /**
     * Takes a slot in the pre-login budget: on connect, and again when REIN or USER logs a user
     * out, or a logged-out session would escape the login timeout and both caps. A waiting
     * connection the gate evicts to make room is closed here.
     *
     * @return null when admitted, else the 421 text (the caller closes this session)
     */
    public String waitToLogIn() {
        waitingSinceNanos = System.nanoTime();
        preLoginCommands.set(0);
        PreLoginGate.Admission a = ctx.preLogin().admit(this);
        if (a.evicted() != null) {
            log.info("{} closed to make room: too many connections waiting to log in", a.evicted());
            a.evicted().replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE,
                    "Too many connections waiting to log in; closing the oldest."));
        }
        return a.refusal();
    }

    /** Counts a command sent before login; returns how many there were, this one included. */
    public int countPreLoginCommand() {
        return preLoginCommands.incrementAndGet();
    }

    /** Counts a failed PASS on this connection; returns the failures so far. */
    public int recordLoginFailure() {
        return loginFailures.incrementAndGet();
    }

    /** This connection failed limits.max-login-failures times: it is closed after the last 530. */
    public boolean loginFailuresExhausted() {
        return loginFailures.get() >= ctx.config().maxLoginFailures();
    }

    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String name) {
        this.pendingUser = name;
    }

    public User user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }

    /**
     * @param door the user's door: a jail at his home ({@code auth.home-jail}), else the server's
     * @param start the virtual cwd to start in, through {@code door}
     */
    public void loggedIn(User u, VirtualFileSystem door, String start) {
        this.user = u;
        this.fs = door;
        this.pendingUser = null;
        this.cwd = start;
        loginFailures.set(0);
        ctx.preLogin().leave(this);
    }

    public boolean canWrite() {
        return user != null && user.write();
    }

    public boolean isAdmin() {
        User u = user;
        return u != null && u.admin();
    }

    /**
     * REIN: back to the state of a new connection, but the connection stays, waiting to log in
     * under the same budget as a new one; closed with 421 when that budget has no room.
     */
    public void reinitialize() {
        closeEndpoint();
        boolean wasLoggedIn = user != null;
        user = null;
        fs = null;
        pendingUser = null;
        cwd = "/";
        type = TransferType.ASCII;
        restOffset = 0;
        renameFrom = null;
        epsvAll = false;
        mlstFacts = ListingFormatter.ALL_FACTS;
        if (wasLoggedIn) {
            String refusal = waitToLogIn();
            if (refusal != null) {
                log.info("{} closed after REIN: {}", this, refusal);
                replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, refusal));
            }
        }
    }

    // --- navigation and transfer parameters

    public String cwd() {
        return cwd;
    }

    public void cwd(String virtualPath) {
        this.cwd = virtualPath;
    }

    public TransferType type() {
        return type;
    }

    public void type(TransferType t) {
        this.type = t;
    }

    public void restOffset(long offset) {
        this.restOffset = offset;
    }

    /** The REST offset for the transfer command being handled; REST applies to one transfer only. */
    public long takeRestOffset() {
        long r = restOffset;
        restOffset = 0;
        return r;
    }

    /** The virtual path RNFR named, through this session's door; null when no rename is pending. */
    public String renameFrom() {
        return renameFrom;
    }

    public void renameFrom(String virtual) {
        this.renameFrom = virtual;
    }

    /** The door this session's paths go through: the user's jail once logged in, else the server's. */
    public VirtualFileSystem fs() {
        VirtualFileSystem door = fs;
        return door != null ? door : ctx.fs();
    }

    public Set<String> mlstFacts() {
        return mlstFacts;
    }

    public void mlstFacts(Set<String> facts) {
        this.mlstFacts = Set.copyOf(new LinkedHashSet<>(facts));
    }

    // --- data connections

    public boolean epsvAll() {
        return epsvAll;
    }

    public void epsvAll(boolean on) {
        this.epsvAll = on;
    }

    /**
     * Sets where the next data connection comes from, closing a passive listener it replaces
     * (one per session). A passive listener no transfer takes within limits.passive.timeout is
     * closed, so idle sessions cannot keep the passive port range.
     */
    public void endpoint(DataEndpoint e) {
        synchronized (endpointLock) {
            closeEndpoint();
            this.endpoint = e;
            if (e instanceof DataEndpoint.Passive p) {
                try {
                    endpointExpiry = ctx.timer().schedule(() -> expire(p),
                            ctx.config().limits().passiveTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    // The server is stopping; dispose() closes the listener.
                }
            }
        }
    }

    private void expire(DataEndpoint.Passive p) {
        synchronized (endpointLock) {
            if (endpoint != p) {
                return;
            }
            endpoint = null;
            endpointExpiry = null;
        }
        closeQuietly(p.listener());
    }

    /** The endpoint for one transfer: a passive listener serves one connection only. */
    public DataEndpoint takeEndpoint() {
        synchronized (endpointLock) {
            DataEndpoint e = endpoint;
            if (e instanceof DataEndpoint.Passive) {
                endpoint = null;
                cancelExpiry();
            }
            return e;
        }
    }

    private void closeEndpoint() {
        DataEndpoint old;
        synchronized (endpointLock) {
            old = endpoint;
            endpoint = null;
            cancelExpiry();
        }
        if (old instanceof DataEndpoint.Passive p) {
            closeQuietly(p.listener());
        }
    }

    /**
     * A listener closed, replaced or taken no longer needs its expiry: left on the timer, a client
     * pipelining PASV would fill the timer's queue, each task holding a closed listener reachable.
     */
    private void cancelExpiry() {
        ScheduledFuture<?> f = endpointExpiry;
        endpointExpiry = null;
        if (f != null) {
            f.cancel(false);
        }
    }

    public DataTransfer transfer() {
        return transfer.get();
    }

    public void transfer(DataTransfer t) {
        transfer.set(t);
    }

    /** Until the final reply is queued; commands arriving while it is being written are held, see beforeFinalReply. */
    public boolean transferInProgress() {
        return transfer.get() != null;
    }

    public void quitAfterTransfer() {
        this.quitAfterTransfer = true;
    }

    /** The control connection closed: stop the transfer and release the listener. */
    public void dispose() {
        ctx.preLogin().leave(this);
        DataTransfer t = transfer.getAndSet(null);
        if (t != null) {
            // A worker inside notices the closed socket and discards its own partial upload.
            t.cancelSilently();
        }
        closeEndpoint();
    }

    private static void closeQuietly(PassiveListener l) {
        try {
            l.close();
        } catch (IOException ignored) {
            // Already closed or never accepted: nothing to release.
        }
    }

    @Override
    public String toString() {
        return "session=" + id() + " remote=" + remoteAddress();
    }
}
