package ftpdlab.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's whole configuration, validated once ({@link ConfigLoader}) and never changed: a
 * SIGHUP reload builds a new one and the server takes what may change live from it
 * ({@link #reloadable}). {@code dataPort} 0 means "derive it when the control port is known".
 */
public record FtpdConfig(
        String host,
        int port,
        int dataPort,
        Path root,
        String bindStrategy,
        int retryMaxTries,
        Duration retryBackoff,
        boolean retryReuseAddress,
        boolean anonymous,
        boolean anonymousWrite,
        String user,
        String password,
        boolean admin,
        Path usersFile,
        boolean homeJail,
        PortRange passivePorts,
        String passiveAddress,
        boolean allowForeignAddress,
        int maxSessions,
        int maxSessionsPerIp,
        Duration idleTimeout,
        Duration dataTimeout,
        int maxLoginFailures,
        Duration drainTime,
        Limits limits,
        Operations ops) {

    /**
     * What a stranger may make the server hold (docs/security.md): the pre-login budget, the
     * per-address login record, the password-hashing pool and passive listeners.
     */
    public record Limits(
            Duration loginTimeout,
            Duration lineTimeout,
            int preLoginMax,
            int preLoginMaxPerAddress,
            int preLoginMaxCommands,
            Duration loginFailureDelay,
            int loginBanAfter,
            Duration loginBanTime,
            int authThreads,
            int commandThreads,
            int ioThreads,
            Duration passiveTimeout,
            int passiveMaxPerAddress) {

        /**
         * Command threads run every command and, since they never wait on a client, the small
         * transfers too: CPU work, so one per core; more only add preemption, which showed as a
         * slower tail of data connection set-up (p99 at 64 clients: about 3 ms with 2 threads,
         * 10 ms with 16, on 2 cores). A file system that makes stat() or open() slow (NFS) wants more.
         */
        public int commandThreadCount() {
            return commandThreads > 0 ? commandThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
        }

        /**
         * I/O threads (MINA's processors) only decode lines, answer the inline commands and write
         * replies. MINA's own default, one per core plus one, kept three of them on 2 cores, each
         * woken for a few bytes: 153-187 us of server CPU per 1 KiB RETR against 142-152 us with
         * one, which is woken less often because it finds more ready sessions per wake-up.
         */
        public int ioThreadCount() {
            return ioThreads > 0 ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    /** The defaults, as a user gets them from {@code java -jar ftpd.jar} with no arguments. */
    public static FtpdConfig defaults() {
        return ConfigLoader.load(null, java.util.Map.of());
    }

    /**
     * How the server is watched: /metrics, the logs, the xferlog.
     *
     * @param metricsPort the /metrics port (0 = any free port), or -1 for none
     * @param logLevel the root log level, or null for $FTPD_LOG_LEVEL (else INFO)
     * @param logConfig a logback XML file replacing the built-in one, or null
     * @param xferlog the wu-ftpd format transfer log, or null
     */
    public record Operations(String metricsHost, int metricsPort, String logLevel, Path logConfig, Path xferlog) {
    }
}
