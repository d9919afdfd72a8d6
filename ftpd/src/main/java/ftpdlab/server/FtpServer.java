package ftpdlab.server;

import ftpdlab.auth.LoginThrottle;
import ftpdlab.auth.PasswordChecks;
import ftpdlab.auth.Users;
import ftpdlab.auth.UsersFile;
import ftpdlab.bind.BindSettings;
import ftpdlab.bind.BindStrategies;
import ftpdlab.bind.BindStrategy;
import ftpdlab.commands.CommandDispatcher;
import ftpdlab.commands.CommandTable;
import ftpdlab.config.FtpdConfig;
import ftpdlab.data.DataChannels;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.metrics.DataConnectionStats;
import ftpdlab.metrics.MetricsEndpoint;
import ftpdlab.metrics.StatsMBean;
import ftpdlab.metrics.TransferLog;
import ftpdlab.protocol.FtpCodecFactory;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.PreLoginGate;
import ftpdlab.session.ServerContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.ObjectName;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP server: a MINA acceptor whose filter chain is codec (bytes to commands), then an ordered
 * executor (so handlers may touch the disk without blocking an I/O thread), then the handler.
 * Embeddable: tests and the harness start it on port 0 and stop it when done.
 */
public final class FtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FtpServer.class);
    /** Every thread the server starts has a name with this prefix, so leaks are easy to see. */
    public static final String THREAD_PREFIX = "ftpd-";

    private final FtpdConfig config;
    private NioSocketAcceptor acceptor;
    private OrderedThreadPoolExecutor commandExecutor;
    private ThreadPoolExecutor workers;
    private ScheduledThreadPoolExecutor timer;
    private ThreadPoolExecutor authPool;
    private DataConnectionStats stats;
    private PrometheusMeterRegistry registry;
    private MetricsEndpoint metrics;
    private TransferLog transferLog;
    private ServerContext ctx;
    private FtpIoHandler handler;
    private ObjectName mbeanName;
    private InetSocketAddress address;
    private int dataPort;

    public FtpServer(FtpdConfig config) {
        this.config = config;
    }

    /** Binds the control port and starts serving; a port in use or a bad root throws IOException. */
    public synchronized FtpServer start() throws IOException {
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        Path root = prepareRoot(config.root());
        Users users = buildUsers(config);
        BindStrategy strategy = BindStrategies.create(config.bindStrategy(),
                new BindSettings(config.retryMaxTries(), config.retryBackoff(), config.retryReuseAddress()));
        TransferLog xfer = TransferLog.open(config.ops().xferlog());

        acceptor = new NioSocketAcceptor(config.limits().ioThreadCount());
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(1024);
        // Unbinding must only stop new connections; running transfers get their grace period.
        acceptor.setCloseOnDeactivation(false);
        acceptor.getSessionConfig().setTcpNoDelay(true); // without it Nagle + delayed ACK add ~40 ms per reply
        // Telnet-style ABOR (IAC IP, then IAC DM as urgent data): inline, the decoder sees and strips all of it.
        acceptor.getSessionConfig().setOobInline(true);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, config.idleTimeout().toSeconds()));
        dataPort = config.dataPort() > 0 ? config.dataPort() : freePort(config.host());

        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        stats = new DataConnectionStats(strategy.name(), strategy.settings(), dataPort, registry);
        transferLog = xfer;
        timer = new ScheduledThreadPoolExecutor(1, named("timer"));
        timer.setRemoveOnCancelPolicy(true);
        // One worker per data connection at most, and at most one data connection per session.
        workers = new ThreadPoolExecutor(0, config.maxSessions() + 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), named("data"));
        VirtualFileSystem fs = new VirtualFileSystem(root);
        DataChannels data = new DataChannels(config, strategy, dataPort, stats, transferLog, timer, workers, fs.root());
        FtpdConfig.Limits limits = config.limits();
        // Its own small pool: password hashing must never occupy the command threads (see PasswordChecks).
        authPool = new ThreadPoolExecutor(limits.authThreads(), limits.authThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("auth"));
        authPool.allowCoreThreadTimeOut(true);
        ctx = new ServerContext(config, dataPort, fs, users, data, stats, timer,
                new LoginThrottle(limits.loginFailureDelay(), limits.loginBanAfter(), limits.loginBanTime()),
                new PasswordChecks(authPool), new PreLoginGate(limits.preLoginMax(), limits.preLoginMaxPerAddress()));
        handler = new FtpIoHandler(ctx, new CommandDispatcher(CommandTable.standard()));

        // The handler throttles reading per session from the queue's length (see FtpIoHandler).
        commandExecutor = new OrderedThreadPoolExecutor(0, limits.commandThreadCount(), 30, TimeUnit.SECONDS, named("cmd"), handler);
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new FtpCodecFactory()));
        acceptor.getFilterChain().addLast("inline", new InlineCommandFilter(handler));
        acceptor.getFilterChain().addLast("executor", new ExecutorFilter(commandExecutor,
                IoEventType.SESSION_OPENED, IoEventType.MESSAGE_RECEIVED, IoEventType.SESSION_IDLE,
                IoEventType.SESSION_CLOSED, IoEventType.EXCEPTION_CAUGHT));
        acceptor.setHandler(handler);
        try {
            bind(acceptor, new InetSocketAddress(config.host(), config.port()));
            if (config.ops().metricsPort() >= 0) {
                metrics = startMetrics();
            }
        } catch (IOException e) {
            acceptor.unbind();
            shutdownPools();
            acceptor.dispose(true);
            acceptor = null;
            transferLog.close();
            throw e;
        }
        address = acceptor.getLocalAddress();
        long sweep = Math.max(50, Math.min(1_000, Math.min(limits.loginTimeout().toMillis(), limits.lineTimeout().toMillis()) / 4));
        NioSocketAcceptor bound = acceptor;
        timer.scheduleWithFixedDelay(() -> handler.enforceDeadlines(bound.getManagedSessions().values()),
                sweep, sweep, TimeUnit.MILLISECONDS);
        registerMBean();
        log.info("listening on {} root={} strategy={} dataPort={} metrics={}", address, root, strategy.name(), dataPort,
                metrics == null ? "off" : "http://" + hostPort(metrics.address()) + "/metrics");
        return this;
    }

    /** Binds, with the cause in words: MINA's own message names the address but drops the errno. */
    private static void bind(NioSocketAcceptor acceptor, InetSocketAddress at) throws IOException {
        try {
            acceptor.bind(at);
        } catch (IOException e) {
            throw new IOException("cannot listen on " + hostPort(at) + ": " + StartupErrors.cause(e), e);
        }
    }

    private MetricsEndpoint startMetrics() throws IOException {
        InetSocketAddress at = new InetSocketAddress(config.ops().metricsHost(), config.ops().metricsPort());
        try {
            return MetricsEndpoint.start(at, registry, THREAD_PREFIX + "metrics");
        } catch (IOException e) {
            throw new IOException("cannot listen for /metrics on " + hostPort(at) + ": " + StartupErrors.cause(e), e);
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * SIGHUP: takes the keys that can change live from {@code next} (the caller keeps the others at
     * their running values) and the accounts it names. Sessions already logged in stay, with the
     * rights they logged in with; the next login sees the new accounts.
     *
     * @throws IllegalArgumentException when the users file is bad: nothing changed
     */
    public synchronized void reload(FtpdConfig next) {
        if (ctx == null) {
            throw new IllegalStateException("not started");
        }
        Users users = buildUsers(next);
        ctx.reload(next, users);
        log.info("reloaded: users file {}, anonymous={}, limits and settings that change live",
                next.usersFile() == null ? "none" : next.usersFile(), next.anonymous());
    }

    private static Users buildUsers(FtpdConfig config) {
        List<Users.Account> accounts = new ArrayList<>();
        if (config.usersFile() != null) {
            accounts.addAll(UsersFile.load(config.usersFile()));
        }
        if (config.user() != null) {
            accounts.add(Users.plain(config.user(), config.password(), true, config.admin()));
        }
        return Users.of(config.anonymous(), config.anonymousWrite(), accounts);
    }

    /** Creates the root with a welcome file the first time, so a new user has something to download. */
    static Path prepareRoot(Path root) throws IOException {
        try {
            if (Files.notExists(root)) {
                Files.createDirectories(root);
                Files.writeString(root.resolve("welcome.txt"),
                        "Welcome to ftpd-lab.\nThis file lives in the server root; upload, list and download to try the server.\n",
                        StandardCharsets.UTF_8);
            }
            if (!Files.isDirectory(root) || !Files.isReadable(root)) {
                throw new IOException("not a readable directory");
            }
            return root.toRealPath();
        } catch (IOException e) {
            throw new IOException("root " + root + ": " + StartupErrors.cause(e), e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            // Happens when TIME_WAIT holds every ephemeral port of the address (after an ephemeral-strategy load).
            throw new IOException("cannot pick a free data port on " + host + " (data.port): " + e.getMessage(), e);
        }
    }

    private void registerMBean() {
        try {
            mbeanName = new ObjectName("ftpdlab:type=DataConnectionStats,port=" + address.getPort());
            ManagementFactory.getPlatformMBeanServer().registerMBean(new StatsMBean(stats), mbeanName);
        } catch (JMException e) {
            log.warn("JMX bean not registered: {}", e.toString());
            mbeanName = null;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    public int dataPort() {
        return dataPort;
    }

    /** The configuration in force: the start's, or the last reload's. */
    public FtpdConfig config() {
        return ctx == null ? config : ctx.config();
    }

    /** Where GET /metrics is served, or null when it is off. */
    public InetSocketAddress metricsAddress() {
        return metrics == null ? null : metrics.address();
    }

    public DataConnectionStats stats() {
        return stats;
    }

    /** Open control sessions (tests wait for a flood to drain). */
    public int sessionCount() {
        return handler == null ? 0 : handler.sessionCount();
    }

    /** Tasks waiting on the timer (tests check that per-command tasks do not pile up). */
    int timerTasks() {
        return timer.getQueue().size();
    }

    /** The most reply bytes waiting in any control session's write queue (tests check the backpressure cap). */
    long largestWriteQueue() {
        return acceptor.getManagedSessions().values().stream().mapToLong(IoSession::getScheduledWriteBytes).max().orElse(0);
    }

    /** Control sessions the backpressure stopped reading. */
    long readSuspendedSessions() {
        return acceptor.getManagedSessions().values().stream().filter(IoSession::isReadSuspended).count();
    }

    /**
     * Stops accepting, lets running transfers finish for at most {@code grace}, then closes every
     * session and ends every thread the server started.
     */
    public synchronized void stop(Duration grace) {
        if (acceptor == null) {
            return;
        }
        acceptor.unbind();
        if (metrics != null) {
            metrics.close();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("transfers still running after {} ms; closing them", grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (IoSession io : acceptor.getManagedSessions().values()) {
            io.write(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Server shutting down."));
            io.closeOnFlush();
        }
        acceptor.dispose(true);
        shutdownPools();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            commandExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException ignored) {
                // Already gone.
            }
        }
        acceptor = null;
        ctx.fs().close();
        transferLog.close();
        registry.close();
        log.info("stopped {}", address);
    }

    private void shutdownPools() {
        workers.shutdownNow();
        timer.shutdownNow();
        authPool.shutdownNow();
        // Timer tasks and password checks fire events into the command executor (a delayed 530,
        // a login's resume): they must end first, or an event fired after the executor's
        // shutdown could start a worker that no exit signal reaches.
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            authPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commandExecutor.shutdown();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private static ThreadFactory named(String kind) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + kind + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
