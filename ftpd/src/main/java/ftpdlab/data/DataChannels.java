package ftpdlab.data;

import ftpdlab.bind.BindStrategy;
import ftpdlab.config.FtpdConfig;
import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.metrics.TransferLog;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.protocol.SafeText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place data sockets are made: active ones through {@link ActiveDataConnector} and the
 * configured {@link BindStrategy}, passive ones through {@link PassiveListener}. Every transfer
 * then runs here, on a worker, and ends with exactly one final reply.
 */
public final class DataChannels {

    private static final Logger log = LoggerFactory.getLogger(DataChannels.class);

    private final FtpdConfig config;
    private final DataConnectionStats stats;
    private final TransferLog transferLog;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ActiveDataConnector active;
    private final Path realRoot;
    private final Map<InetAddress, Integer> passiveByPeer = new ConcurrentHashMap<>();

    public DataChannels(FtpdConfig config, BindStrategy strategy, int dataPort, DataConnectionStats stats,
                        TransferLog transferLog, ScheduledExecutorService timer, ExecutorService workers,
                        Path realRoot) {
        this.config = config;
        this.realRoot = realRoot;
        this.stats = stats;
        this.transferLog = transferLog;
        this.workers = workers;
        this.timer = timer;
        this.active = new ActiveDataConnector(strategy, dataPort, config.dataTimeout(), stats);
    }

    /**
     * A passive listener on {@code local} for a client at {@code peer}; refused with an
     * IOException when that address already holds limits.passive.max-per-address listeners, so
     * one client cannot take the whole passive port range.
     */
    public PassiveListener openPassive(InetAddress local, InetAddress peer) throws IOException {
        int cap = config.limits().passiveMaxPerAddress();
        boolean[] admitted = new boolean[1];
        passiveByPeer.compute(peer, (k, n) -> {
            int held = n == null ? 0 : n;
            admitted[0] = held < cap;
            return admitted[0] ? held + 1 : n;
        });
        if (!admitted[0]) {
            throw new IOException("too many passive listeners open for your address (" + cap + ")");
        }
        Runnable release = () -> passiveByPeer.computeIfPresent(peer, (k, n) -> n <= 1 ? null : n - 1);
        try {
            return PassiveListener.open(local, config.passivePorts(), release);
        } catch (IOException e) {
            release.run();
            throw e;
        }
    }

    /** A transfer not yet started, so the session can hold it before any reply can end it. */
    public DataTransfer newTransfer(ControlChannel control, TransferJob job) {
        return new DataTransfer(control, job, stats, transferLog);
    }

    /** Starts a transfer over {@code endpoint}; the final reply comes later, from a worker or from ABOR. */
    public void start(DataTransfer t, DataEndpoint endpoint) {
        if (endpoint instanceof DataEndpoint.Active a) {
            submit(t, () -> work(t, () -> activeTry(t, a.target(), 0)));
        } else if (endpoint instanceof DataEndpoint.Passive p) {
            t.holding(p.listener());
            submit(t, () -> {
                if (!work(t, () -> accept(t, p.listener()))) {
                    DataTransfer.closeQuietly(p.listener());
                }
            });
        }
    }

    /** Gets the data connection for a transfer; null when there is none (yet): the transfer was answered, or a retry is scheduled. */
    @FunctionalInterface
    private interface Connect {
        Socket open();
    }

    /**
     * A worker's whole stay in a transfer: enter, get the data connection, answer 150, move the
     * data, exit. Every path out of a transfer's work passes the one exit here.
     *
     * @return false when the transfer was over before the worker came (aborted, say)
     */
    private boolean work(DataTransfer t, Connect connect) {
        if (!t.enter()) {
            return false;
        }
        try {
            Socket socket = connect.open();
            if (socket != null) {
                move(t, socket);
            }
        } finally {
            t.exit();
        }
        return true;
    }

    private void submit(DataTransfer t, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
        }
    }

    /** One bind-and-connect; a collision schedules the next try after the strategy's back-off. */
    private Socket activeTry(DataTransfer t, InetSocketAddress target, int retries) {
        ActiveDataConnector.Try attempt = active.attempt(t, target, retries);
        long ms = attempt.retryAfterMs();
        if (ms >= 0) {
            try {
                t.scheduled(timer.schedule(() -> submit(t, () -> work(t, () -> {
                    stats.bindRetry(ms);
                    t.addBackoff(ms);
                    return activeTry(t, target, retries + 1);
                })), ms, TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
                t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
            }
        }
        return attempt.socket();
    }

    private Socket accept(DataTransfer t, PassiveListener listener) {
        try {
            return listener.accept(t.control().remoteAddress().getAddress(), config.dataTimeout(),
                    config.allowForeignAddress());
        } catch (IOException e) {
            if (!t.aborted()) {
                stats.connectFailure(ConnectFailureCause.of(e));
            }
            t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't open data connection: " + SafeText.reason(e, realRoot) + "."));
            return null;
        } finally {
            DataTransfer.closeQuietly(listener);
        }
    }

    /**
     * The data connection is there: 150 (FreeBSD's dataconn() answers it only then; a client
     * waiting in accept() after a 150 would otherwise sit out its data timeout behind our 425),
     * the data, then the one final reply.
     */
    private void move(DataTransfer t, Socket socket) {
        stats.dataConnectionOpened((System.nanoTime() - t.startNanos()) / 1_000);
        DataConnection connection = new DataConnection(socket);
        t.holding(connection);
        TransferJob job = t.job();
        t.control().reply(Reply.of(ReplyCode.OPENING_DATA, job.openingText()));
        Reply result;
        boolean ok = false;
        Future<?> watchdog = watch(t, connection);
        try {
            socket.setSoTimeout((int) config.dataTimeout().toMillis());
            socket.setTcpNoDelay(true);
            long n = job.run(connection);
            t.bytes(n);
            ok = true;
            result = Reply.of(ReplyCode.TRANSFER_COMPLETE, job.completeText());
        } catch (TransferFailure f) {
            t.bytes(connection.progress());
            result = f.reply();
        } catch (IOException e) {
            // What reached the socket, not 0: a drained or cut download still moved most of its bytes.
            t.bytes(connection.progress());
            result = Reply.of(ReplyCode.TRANSFER_ABORTED, "Connection closed; transfer aborted ("
                    + SafeText.reason(e, realRoot) + ").");
        } catch (RuntimeException e) {
            t.bytes(connection.progress());
            log.error("session={} cmd={} transfer crashed", t.control().id(), job.describe(), e);
            result = Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing.");
        } finally {
            watchdog.cancel(false);
            DataTransfer.closeQuietly(connection);
        }
        if (t.aborted()) {
            ok = false;
        }
        stats.transferFinished(ok, job.upload() ? 0 : t.bytes(), job.upload() ? t.bytes() : 0);
        if (!t.finish(result)) {
            // The control connection went first (cancelSilently): no reply, but the log still gets the line.
            t.logOutcome(ReplyCode.TRANSFER_ABORTED.code());
        }
    }

    /**
     * Closes the data socket once no byte moved for limits.data-timeout, which unblocks a stuck
     * write. It looks several times per timeout, so the close comes at most a quarter of the
     * timeout late (checking once per timeout would let a stall last up to twice the timeout).
     */
    private Future<?> watch(DataTransfer t, DataConnection connection) {
        long timeoutNanos = config.dataTimeout().toNanos();
        long period = Math.max(1, Math.min(1_000, config.dataTimeout().toMillis() / 4));
        AtomicLong seen = new AtomicLong(connection.progress());
        AtomicLong lastMove = new AtomicLong(System.nanoTime());
        try {
            return timer.scheduleAtFixedRate(() -> {
                long progress = connection.progress();
                long now = System.nanoTime();
                if (seen.getAndSet(progress) != progress) {
                    lastMove.set(now);
                } else if (now - lastMove.get() >= timeoutNanos) {
                    log.info("session={} remote={} cmd={} stalled: no data for {} ms, closing the data connection",
                            t.control().id(), t.control().remoteAddress(), t.job().describe(),
                            config.dataTimeout().toMillis());
                    DataTransfer.closeQuietly(connection);
                    lastMove.set(now); // once per stall; the worker ends the transfer and cancels this
                }
            }, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }
}
