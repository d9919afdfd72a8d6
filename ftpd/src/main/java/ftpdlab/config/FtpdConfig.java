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
        Path usersFile,
        PortRange passivePorts,
        String passiveAddress,
        boolean allowForeignAddress,
        int maxSessions,
        int maxSessionsPerIp,
        Duration idleTimeout,
        Duration dataTimeout,
        int maxLoginFailures) {

    /** The defaults, as a user gets them from {@code java -jar ftpd.jar} with no arguments. */
    public static FtpdConfig defaults() {
        return ConfigLoader.load(null, java.util.Map.of());
    }

    public FtpdConfig withPort(int newPort) {
        return new FtpdConfig(host, newPort, dataPort, root, bindStrategy, retryMaxTries, retryBackoff,
                retryReuseAddress, anonymous, anonymousWrite, user, password, usersFile, passivePorts,
                passiveAddress, allowForeignAddress, maxSessions, maxSessionsPerIp, idleTimeout, dataTimeout,
                maxLoginFailures);
    }

    public FtpdConfig withDataPort(int newDataPort) {
        return new FtpdConfig(host, port, newDataPort, root, bindStrategy, retryMaxTries, retryBackoff,
                retryReuseAddress, anonymous, anonymousWrite, user, password, usersFile, passivePorts,
                passiveAddress, allowForeignAddress, maxSessions, maxSessionsPerIp, idleTimeout, dataTimeout,
                maxLoginFailures);
    }
}
