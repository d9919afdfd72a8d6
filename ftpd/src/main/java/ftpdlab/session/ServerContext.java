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
 * The server-wide services a session uses; one instance per running server. The configuration and
 * the accounts are read on every use, never kept by a session, so a SIGHUP reload
 * ({@link #reload}) reaches the sessions already logged in without disturbing them.
 */
public final class ServerContext {

    /** What a reload replaces, as one value so a reader never sees a new config with old users. */
    private record Live(FtpdConfig config, Users users) {
    }

    private final int dataPort;
    private final VirtualFileSystem fs;
    private final DataChannels data;
    private final DataConnectionStats stats;
    private final ScheduledExecutorService timer;
    private final LoginThrottle logins;
    private final PasswordChecks passwords;
    private final PreLoginGate preLogin;
    private volatile Live live;

    /**
     * @param logins failed logins per address (delay, ban)
     * @param passwords the pool password checks run on, off the command threads
     * @param preLogin the budget of connections not logged in yet
     */
    public ServerContext(FtpdConfig config, int dataPort, VirtualFileSystem fs, Users users, DataChannels data,
                         DataConnectionStats stats, ScheduledExecutorService timer, LoginThrottle logins,
                         PasswordChecks passwords, PreLoginGate preLogin) {
        this.live = new Live(config, users);
        this.dataPort = dataPort;
        this.fs = fs;
        this.data = data;
        this.stats = stats;
        this.timer = timer;
        this.logins = logins;
        this.passwords = passwords;
        this.preLogin = preLogin;
    }

    /** Takes a reloaded configuration (its start-up-only keys already equal to the running ones) and accounts. */
    public void reload(FtpdConfig config, Users users) {
        live = new Live(config, users);
    }

    public FtpdConfig config() {
        return live.config();
    }

    public Users users() {
        return live.users();
    }

    public int dataPort() {
        return dataPort;
    }

    public VirtualFileSystem fs() {
        return fs;
    }

    public DataChannels data() {
        return data;
    }

    public DataConnectionStats stats() {
        return stats;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public LoginThrottle logins() {
        return logins;
    }

    public PasswordChecks passwords() {
        return passwords;
    }

    public PreLoginGate preLogin() {
        return preLogin;
    }
}
