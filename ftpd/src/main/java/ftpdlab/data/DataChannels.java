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
 * then runs here and ends with exactly one final reply.
 *
 * <p>A transfer starts on the session's command thread and stays there for as long as nothing
 * has to wait: the connect (or accept) and the data are tried without blocking, so a small file
 * to a client on a fast network is connected, sent and answered with no hand-off at all. The
 * first thing that would block (a connect still in progress, no client yet on the passive port,
 * a full socket buffer, any upload) moves the transfer to a data worker, which may block under
 * the watchdog; a command thread, shared by every session, never waits on a client.
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
        this.active = new ActiveDataConnector(strategy, dataPort, config.dataTimeout(), stats, timer);
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

    /**
     * Starts a transfer over {@code endpoint}, on the command thread; the final reply comes from
     * here, from a worker, or from ABOR.
     */
    public void start(DataTransfer t, DataEndpoint endpoint) {
        if (endpoint instanceof DataEndpoint.Active a) {
            stay(t, () -> {
                ActiveDataConnector.Try first = activeTry(t, a.target(), 0, false);
                if (first.connecting()) {
                    handOff(t, () -> active.finishConnect(t, first.socket()));
                } else if (first.socket() != null) {
                    move(t, first.socket(), true);
                }
            });
        } else if (endpoint instanceof DataEndpoint.Passive p) {
            t.holding(p.listener());
            boolean entered = stay(t, () -> {
                Socket waiting = acceptNow(t, p.listener());
                if (waiting != null) {
                    move(t, waiting, true);
                } else if (!t.aborted()) {
                    handOff(t, () -> accept(t, p.listener()));
                }
            });
            if (!entered) {
                DataTransfer.closeQuietly(p.listener());
            }
        }
    }

    /** Gets the data connection on a worker, waiting if need be; null when the transfer was answered or a retry is scheduled. */
    @FunctionalInterface
    private interface Connect {
        Socket open();
    }

    /**
     * One thread's stay inside a transfer, the command thread's or a worker's: enter, work, exit.
     * Every path out of a transfer's work passes the one exit here, which answers an ABOR that
     * came while the thread was inside.
     *
     * @return false when the transfer was over before the thread came (aborted, say)
     */
    private static boolean stay(DataTransfer t, Runnable work) {
        if (!t.enter()) {
            return false;
        }
        try {
            work.run();
        } finally {
            t.exit();
        }
        return true;
    }

    /** Continues the transfer on a data worker: gets the data connection, waiting if need be, then moves the data. */
    private void handOff(DataTransfer t, Connect connect) {
        onWorker(t, () -> {
            Socket socket = connect.open();
            if (socket != null) {
                move(t, socket, false);
            }
        });
    }

    /** {@code work} on a data worker, inside the transfer. */
    private void onWorker(DataTransfer t, Runnable work) {
        submit(t, () -> stay(t, work));
    }

    private void submit(DataTransfer t, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
        }
    }

    /**
     * One bind-and-connect; a collision schedules the next try, on a worker, after the strategy's
     * back-off.
     *
     * @param wait block until connected (a worker); false starts the connect and returns (the command thread)
     */
    private ActiveDataConnector.Try activeTry(DataTransfer t, InetSocketAddress target, int retries, boolean wait) {
        ActiveDataConnector.Try attempt = active.attempt(t, target, retries, wait);
        long ms = attempt.retryAfterMs();
        if (ms >= 0) {
            try {
                t.scheduled(timer.schedule(() -> handOff(t, () -> {
                    stats.bindRetry(ms);
                    t.addBackoff(ms);
                    return activeTry(t, target, retries + 1, true).socket();
                }), ms, TimeUnit.MILLISECONDS));
            } catch (RejectedExecutionException e) {
                t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
            }
        }
        return attempt;
    }

    /** The client's data connection if it is already there (it usually connects before sending RETR); else null. */
    private Socket acceptNow(DataTransfer t, PassiveListener listener) {
        try {
            Socket s = listener.acceptNow(t.control().remoteAddress().getAddress(), config.allowForeignAddress());
            if (s != null) {
                DataTransfer.closeQuietly(listener);
            }
            return s;
        } catch (IOException e) {
            return failedAccept(t, listener, e);
        }
    }

    private Socket accept(DataTransfer t, PassiveListener listener) {
        try {
            return listener.accept(t.control().remoteAddress().getAddress(), config.dataTimeout(),
                    config.allowForeignAddress());
        } catch (IOException e) {
            return failedAccept(t, listener, e);
        } finally {
            DataTransfer.closeQuietly(listener);
        }
    }

    private Socket failedAccept(DataTransfer t, PassiveListener listener, IOException e) {
        DataTransfer.closeQuietly(listener);
        if (!t.aborted()) {
            stats.connectFailure(ConnectFailureCause.of(e));
        }
        t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't open data connection: " + SafeText.reason(e, realRoot) + "."));
        return null;
    }

    /**
     * The data connection is there: 150 (FreeBSD's dataconn() answers it only then; a client
     * waiting in accept() after a 150 would otherwise sit out its data timeout behind our 425),
     * then the data.
     *
     * @param now on the command thread: move what can move without blocking, hand the rest to a
     *            worker. A small transfer that completes so is answered 150 and 226 in one write
     *            (see {@link ftpdlab.protocol.Replies}); the client reads them in the same order.
     */
    private void move(DataTransfer t, Socket socket, boolean now) {
        stats.dataConnectionOpened((System.nanoTime() - t.startNanos()) / 1_000);
        DataConnection connection = new DataConnection(socket);
        t.connected(connection);
        Reply opening = Reply.of(ReplyCode.OPENING_DATA, t.job().openingText());
        if (!now) {
            t.control().reply(opening);
            run(t, connection);
            return;
        }
        if (t.job().answersAtOnce()) {
            t.holdOpening(opening);
        } else {
            t.control().reply(opening);
        }
        Reply result;
        try {
            if (!t.job().runNow(connection)) {
                t.sendOpening();
                onWorker(t, () -> run(t, connection));
                return;
            }
            result = Reply.of(ReplyCode.TRANSFER_COMPLETE, t.job().completeText());
        } catch (IOException | RuntimeException e) {
            result = failure(t, e);
        }
        end(t, connection, result);
    }

    /** On a worker: moves the data, blocking, under the watchdog; then the final reply. */
    private void run(DataTransfer t, DataConnection connection) {
        Reply result;
        Future<?> watchdog = watch(t, connection);
        try {
            connection.blocking(config.dataTimeout());
            t.bytes(t.job().run(connection));
            result = Reply.of(ReplyCode.TRANSFER_COMPLETE, t.job().completeText());
        } catch (IOException | RuntimeException e) {
            result = failure(t, e);
        } finally {
            watchdog.cancel(false);
        }
        end(t, connection, result);
    }

    private Reply failure(DataTransfer t, Exception e) {
        if (e instanceof TransferFailure f) {
            return f.reply();
        }
        if (e instanceof IOException) {
            return Reply.of(ReplyCode.TRANSFER_ABORTED, "Connection closed; transfer aborted ("
                    + SafeText.reason(e, realRoot) + ").");
        }
        log.error("session={} cmd={} transfer crashed", t.control().id(), t.job().describe(), e);
        return Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing.");
    }

    /** Closes the data connection, then the one final reply. */
    private void end(DataTransfer t, DataConnection connection, Reply result) {
        connection.release();
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
