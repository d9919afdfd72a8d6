package ftpdlab.data;

import ftpdlab.bind.BindStrategy;
import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One try at an active-mode data connection, as FreeBSD's ftpd makes it: bind (control local
 * address, data port) with the configured {@link BindStrategy}, then connect to the client's PORT
 * address. A bind that collides is not retried here: the try says how long to back off, and
 * {@link DataChannels} schedules the next one on a timer, never sleeping, so the waiting session
 * still answers ABOR, NOOP and QUIT and every other session goes on.
 */
final class ActiveDataConnector {

    private static final Logger log = LoggerFactory.getLogger(ActiveDataConnector.class);

    /**
     * How a try ended: a connected socket; a socket whose connect is still on its way
     * ({@code connecting}, for {@link #finishConnect} on a worker); a back-off before the next
     * try; or none, the transfer already answered.
     */
    record Try(Socket socket, long retryAfterMs, boolean connecting) {
        static final Try ENDED = new Try(null, -1, false);
    }

    private final BindStrategy strategy;
    private final int dataPort;
    private final Duration connectTimeout;
    private final DataConnectionStats stats;
    private final ScheduledExecutorService timer;

    ActiveDataConnector(BindStrategy strategy, int dataPort, Duration connectTimeout, DataConnectionStats stats,
                        ScheduledExecutorService timer) {
        this.strategy = strategy;
        this.dataPort = dataPort;
        this.connectTimeout = connectTimeout;
        this.stats = stats;
        this.timer = timer;
    }

    /**
     * Runs with a worker inside {@code t}. The socket comes from a {@link SocketChannel}, so a
     * download can hand the file to the kernel (sendfile).
     *
     * @param retries collisions so far in this transfer
     * @param wait    block until connected or timed out (a worker); false only starts the connect
     *                (the command thread) and returns it {@code connecting} unless it completed at once,
     *                as it does on loopback
     */
    Try attempt(DataTransfer t, InetSocketAddress target, int retries, boolean wait) {
        InetAddress local = t.control().localAddress().getAddress();
        int port = strategy.localPort(dataPort);
        Socket socket;
        try {
            socket = SocketChannel.open(family(local, target.getAddress())).socket();
        } catch (IOException e) {
            t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't create data socket: " + e.getMessage() + "."));
            return Try.ENDED;
        }
        t.holding(socket);
        t.countBind();
        stats.bindAttempt();
        try {
            strategy.applyOptions(socket);
            socket.bind(new InetSocketAddress(local, port));
        } catch (IOException e) {
            DataTransfer.closeQuietly(socket);
            if (ConnectFailureCause.isAddressInUse(e)) {
                return collided(t, retries, local, port);
            }
            t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA,
                    "Can't create data socket (" + local.getHostAddress() + "," + port + "): " + e.getMessage() + "."));
            return Try.ENDED;
        }
        try {
            if (wait) {
                socket.connect(target, (int) connectTimeout.toMillis());
            } else {
                SocketChannel ch = socket.getChannel();
                ch.configureBlocking(false);
                if (!ch.connect(target) && !ch.finishConnect()) {
                    return new Try(socket, -1, true);
                }
            }
        } catch (IOException e) {
            return connectFailed(t, socket, target, e);
        }
        return new Try(socket, -1, false);
    }

    /**
     * IPv4 when both ends are: the JDK's default is a dual-stack IPv6 socket, one more system call
     * to set up and a mapped address in every call after it. Anything else stays dual-stack.
     */
    private static ProtocolFamily family(InetAddress local, InetAddress remote) {
        return local instanceof Inet4Address && remote instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** On a worker: waits for a connect {@link #attempt} started, at most the connect timeout. */
    Socket finishConnect(DataTransfer t, Socket socket) {
        SocketChannel ch = socket.getChannel();
        InetSocketAddress target = (InetSocketAddress) socket.getRemoteSocketAddress();
        Future<?> timeout;
        try {
            // Closing the channel is what wakes a connect blocked in finishConnect().
            timeout = timer.schedule(() -> DataTransfer.closeQuietly(socket), connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            DataTransfer.closeQuietly(socket);
            t.finish(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
            return null;
        }
        try {
            ch.configureBlocking(true);
            ch.finishConnect();
            return socket;
        } catch (IOException e) {
            IOException why = timeout.isDone() && !t.aborted()
                    ? new SocketTimeoutException("Connect timed out") : e;
            connectFailed(t, socket, target, why);
            return null;
        } finally {
            timeout.cancel(false);
        }
    }

    private Try connectFailed(DataTransfer t, Socket socket, InetSocketAddress target, IOException e) {
        DataTransfer.closeQuietly(socket);
        if (t.aborted()) {
            t.finish(null);
            return Try.ENDED;
        }
        String cause = ConnectFailureCause.of(e);
        stats.connectFailure(cause);
        log.info("session={} remote={} cmd={} connect to {} failed: {} ({})", t.control().id(),
                t.control().remoteAddress(), t.job().describe(), target, cause, e.getMessage());
        t.finish(Reply.of(ReplyCode.CANT_OPEN_DATA, "Can't build data connection: " + e.getMessage() + "."));
        return Try.ENDED;
    }

    private Try collided(DataTransfer t, int retries, InetAddress local, int port) {
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
            return Try.ENDED;
        }
        // An ABOR that came during this bind is answered by the worker's exit.
        return t.aborted() ? Try.ENDED : new Try(null, wait.get().toMillis(), false);
    }
}
