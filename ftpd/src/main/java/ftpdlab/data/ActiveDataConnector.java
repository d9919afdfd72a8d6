package ftpdlab.data;

import ftpdlab.bind.BindStrategy;
import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens active-mode data connections as FreeBSD's ftpd does: bind (control local address, data
 * port) with the configured {@link BindStrategy}, connect to the client's PORT address, then
 * answer 150.
 * A colliding bind is retried after a back-off that is scheduled on a timer, never slept, so the
 * waiting session still answers ABOR, NOOP and QUIT and every other session goes on.
 */
final class ActiveDataConnector {

    private static final Logger log = LoggerFactory.getLogger(ActiveDataConnector.class);

    private final BindStrategy strategy;
    private final int dataPort;
    private final Duration connectTimeout;
    private final DataConnectionStats stats;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    ActiveDataConnector(BindStrategy strategy, int dataPort, Duration connectTimeout, DataConnectionStats stats,
                        ScheduledExecutorService timer, ExecutorService workers) {
        this.strategy = strategy;
        this.dataPort = dataPort;
        this.connectTimeout = connectTimeout;
        this.stats = stats;
        this.timer = timer;
        this.workers = workers;
    }

    /** Starts the first bind try on a worker; {@code connected} receives the open socket (worker still inside). */
    void open(DataTransfer t, InetSocketAddress target, BiConsumer<DataTransfer, Socket> connected) {
        submit(t, () -> attempt(t, target, 0, connected));
    }

    private void attempt(DataTransfer t, InetSocketAddress target, int retries, BiConsumer<DataTransfer, Socket> connected) {
        if (!t.enter()) {
            return;
        }
        boolean handedOver = false;
        InetAddress local = t.control().localAddress().getAddress();
        int port = strategy.localPort(dataPort);
        Socket socket = new Socket();
        try {
            t.holding(socket);
            t.countBind();
            stats.bindAttempt();
            try {
                strategy.applyOptions(socket);
                socket.bind(new InetSocketAddress(local, port));
            } catch (IOException e) {
                DataTransfer.closeQuietly(socket);
                if (ConnectFailureCause.isAddressInUse(e)) {
                    collided(t, target, retries, connected, local, port);
                } else {
                    t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA,
                            "Can't create data socket (" + local.getHostAddress() + "," + port + "): " + e.getMessage() + "."));
                }
                return;
            }
            try {
                socket.connect(target, (int) connectTimeout.toMillis());
            } catch (IOException e) {
                DataTransfer.closeQuietly(socket);
                if (t.aborted()) {
                    t.finish(null);
                    return;
                }
                String cause = ConnectFailureCause.of(e);
                stats.connectFailure(cause);
                log.info("session={} remote={} cmd={} connect to {} failed: {} ({})", t.control().id(),
                        t.control().remoteAddress(), t.job().describe(), target, cause, e.getMessage());
                t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't build data connection: " + e.getMessage() + "."));
                return;
            }
            // FreeBSD's dataconn() answers 150 only once connect() worked; a client waiting in
            // accept() after a 150 would otherwise sit out its data timeout behind our 425.
            t.control().reply(Reply.of(ReplyCode.OPENING_DATA, t.job().openingText()));
            handedOver = true;
            connected.accept(t, socket);
        } finally {
            if (!handedOver) {
                t.exit();
            }
        }
    }

    private void collided(DataTransfer t, InetSocketAddress target, int retries,
                          BiConsumer<DataTransfer, Socket> connected, InetAddress local, int port) {
        stats.bindCollision();
        Optional<Duration> wait = strategy.backoffBefore(retries + 1);
        // WARN: a collision is what the operator of a fixed data port must see (and a give-up is a 425).
        log.warn("session={} remote={} cmd={} bind {}:{} collided (EADDRINUSE), try {}, {}", t.control().id(),
                t.control().remoteAddress(), t.job().describe(), local.getHostAddress(), port, retries + 1,
                wait.map(d -> "retrying in " + d.toMillis() + " ms").orElse("giving up"));
        if (wait.isEmpty()) {
            stats.bindGiveup();
            t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA,
                    "Can't create data socket (" + local.getHostAddress() + "," + port + "): Address already in use."));
            return;
        }
        if (t.aborted()) {
            // ABOR came during this bind; the worker's exit() answers it.
            return;
        }
        long ms = wait.get().toMillis();
        try {
            t.scheduled(timer.schedule(() -> submit(t, () -> {
                stats.bindRetry(ms);
                t.addBackoff(ms);
                attempt(t, target, retries + 1, connected);
            }), ms, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
        }
    }

    private void submit(DataTransfer t, Runnable r) {
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
        }
    }
}
