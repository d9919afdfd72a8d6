package ftpdlab.session;

import ftpdlab.auth.LoginThrottle;
import ftpdlab.auth.PasswordChecks;
import ftpdlab.auth.Users;
import ftpdlab.config.FtpdConfig;
import ftpdlab.data.DataChannels;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.metrics.DataConnectionStats;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The server-wide services a session uses; one instance per running server.
 *
 * @param logins failed logins per address (delay, ban)
 * @param passwords the pool password checks run on, off the command threads
 * @param preLogin the budget of connections not logged in yet
 */
public record ServerContext(
        FtpdConfig config,
        int dataPort,
        VirtualFileSystem fs,
        Users users,
        DataChannels data,
        DataConnectionStats stats,
        ScheduledExecutorService timer,
        LoginThrottle logins,
        PasswordChecks passwords,
        PreLoginGate preLogin) {
}
