package ftpdlab.data;

import ftpdlab.config.FtpdConfig;
import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
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
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ActiveDataConnector active;

    public DataChannels(FtpdConfig config, BindStrategy strategy, int dataPort, DataConnectionStats stats,
                        ScheduledExecutorService timer, ExecutorService workers) {
        this.config = config;
        this.stats = stats;
        this.workers = workers;
        this.timer = timer;
        this.active = new ActiveDataConnector(strategy, dataPort, config.dataTimeout(), stats, timer, workers);
    }

    public PassiveListener openPassive(InetAddress local) throws IOException {
        return PassiveListener.open(local, config.passivePorts());
    }

    /** A transfer not yet started, so the session can hold it before any reply can end it. */
    public DataTransfer newTransfer(ControlChannel control, TransferJob job) {
        return new DataTransfer(control, job, stats);
    }

    /** Starts a transfer over {@code endpoint}; the final reply comes later, from a worker or from ABOR. */
    public void start(DataTransfer t, DataEndpoint endpoint) {
        if (endpoint instanceof DataEndpoint.Active a) {
            active.open(t, a.target(), this::move);
        } else if (endpoint instanceof DataEndpoint.Passive p) {
            t.holding(p.listener());
            try {
                workers.execute(() -> acceptAndMove(t, p.listener()));
            } catch (RejectedExecutionException e) {
                DataTransfer.closeQuietly(p.listener());
                t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
            }
        }
    }

    private void acceptAndMove(DataTransfer t, PassiveListener listener) {
        if (!t.enter()) {
            DataTransfer.closeQuietly(listener);
            return;
        }
        Socket socket;
        try {
            socket = listener.accept(t.control().remoteAddress().getAddress(), config.dataTimeout(),
                    config.allowForeignAddress());
        } catch (IOException e) {
            if (!t.aborted()) {
                stats.connectFailure(ConnectFailureCause.of(e));
            }
            t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't open data connection: " + e.getMessage() + "."));
            t.exit();
            return;
        } finally {
            DataTransfer.closeQuietly(listener);
        }
        t.control().reply(Reply.of(ReplyCode.OPENING_DATA, t.job().openingText()));
        move(t, socket);
    }

    /** Runs with the worker inside {@code t}; always exits it. */
    private void move(DataTransfer t, Socket socket) {
        stats.dataConnectionOpened((System.nanoTime() - t.startNanos()) / 1_000);
        t.holding(socket);
        TransferJob job = t.job();
        Reply result;
        boolean ok = false;
        DataConnection connection = new DataConnection(socket);
        Future<?> watchdog = watch(t, connection, socket);
        try {
            socket.setSoTimeout((int) config.dataTimeout().toMillis());
            socket.setTcpNoDelay(true);
            long n = job.run(connection);
            t.bytes(n);
            ok = true;
            result = Reply.of(ReplyCode.TRANSFER_COMPLETE, job.completeText());
        } catch (TransferFailure f) {
            result = f.reply();
        } catch (IOException e) {
            result = Reply.of(ReplyCode.TRANSFER_ABORTED, "Connection closed; transfer aborted (" + e.getMessage() + ").");
        } catch (RuntimeException e) {
            log.error("session={} cmd={} transfer crashed", t.control().id(), job.describe(), e);
            result = Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing.");
        } finally {
            watchdog.cancel(false);
            DataTransfer.closeQuietly(socket);
        }
        if (!ok || t.aborted()) {
            ok = false;
            job.discard();
        }
        stats.transferFinished(ok, job.upload() ? 0 : t.bytes(), job.upload() ? t.bytes() : 0);
        log.info("session={} remote={} cmd={} result={} bytes={} ms={} binds={} backoff.ms={}", t.control().id(),
                t.control().remoteAddress(), job.describe(), t.aborted() ? 426 : result.code(), t.bytes(),
                t.elapsedMs(), t.bindAttempts(), t.backoffMs());
        t.finish(result);
        t.exit();
    }

    /** Closes the data socket when no byte moved for a whole data timeout, which unblocks a stuck write. */
    private Future<?> watch(DataTransfer t, DataConnection connection, Socket socket) {
        long period = config.dataTimeout().toMillis();
        AtomicLong seen = new AtomicLong(-1);
        try {
            return timer.scheduleAtFixedRate(() -> {
                long now = connection.progress();
                if (seen.getAndSet(now) == now) {
                    log.info("session={} remote={} cmd={} stalled: no data for {} ms, closing the data connection",
                            t.control().id(), t.control().remoteAddress(), t.job().describe(), period);
                    DataTransfer.closeQuietly(socket);
                }
            }, period, period, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    public Duration dataTimeout() {
        return config.dataTimeout();
    }
}
