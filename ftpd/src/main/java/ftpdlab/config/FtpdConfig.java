package ftpdlab.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's whole configuration, validated once at start-up ({@link ConfigLoader}) and never
 * changed afterwards. {@code dataPort} 0 means "derive it when the control port is known".
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
        PortRange passivePorts,
        String passiveAddress,
        boolean allowForeignAddress,
        int maxSessions,
        int maxSessionsPerIp,
        Duration idleTimeout,
        Duration dataTimeout,
        int maxLoginFailures,
        Limits limits) {

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
            Duration passiveTimeout,
            int passiveMaxPerAddress) {
    }

    /** The defaults, as a user gets them from {@code java -jar ftpd.jar} with no arguments. */
    public static FtpdConfig defaults() {
        return ConfigLoader.load(null, java.util.Map.of());
    }

    public FtpdConfig withPort(int newPort) {
        return new FtpdConfig(host, newPort, dataPort, root, bindStrategy, retryMaxTries, retryBackoff,
                retryReuseAddress, anonymous, anonymousWrite, user, password, admin, usersFile, passivePorts,
                passiveAddress, allowForeignAddress, maxSessions, maxSessionsPerIp, idleTimeout, dataTimeout,
                maxLoginFailures, limits);
    }

    public FtpdConfig withDataPort(int newDataPort) {
        return new FtpdConfig(host, port, newDataPort, root, bindStrategy, retryMaxTries, retryBackoff,
                retryReuseAddress, anonymous, anonymousWrite, user, password, admin, usersFile, passivePorts,
                passiveAddress, allowForeignAddress, maxSessions, maxSessionsPerIp, idleTimeout, dataTimeout,
                maxLoginFailures, limits);
    }
}
