package ftpdlab.config;

import ftpdlab.bind.BindStrategies;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key, its default and what it allows. The properties file, the command line
 * (FtpdCommand makes one option per key that names one) and docs/configuration.md all speak in
 * these names; one table keeps them from drifting apart, so a new key is one line here.
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1", Kind.TEXT, "an IP address or host name to listen on", "--host"),
    SERVER_PORT("server.port", "2121", Kind.TEXT, "a port 0-65535 (0 = any free port)", "--port"),
    DATA_PORT("data.port", "", Kind.TEXT, "a port 1-65535; empty = control port - 1 (a free port when the control port is 0)", "--data-port"),
    FS_ROOT("fs.root", "./ftp-root", Kind.TEXT, "a directory (created with a welcome file if missing)", "--root"),
    BIND_STRATEGY("data.bind-strategy", "reuseport", Kind.TEXT, "one of " + String.join(", ", BindStrategies.names()), "--bind-strategy"),
    RETRY_MAX_TRIES("data.retry.max-tries", "10", Kind.TEXT, "retries after the first bind, 0-1000", "--retry-max-tries"),
    RETRY_BACKOFF("data.retry.backoff", "1s", Kind.DURATION, "unit of the linear back-off (wait tries x this)", "--retry-backoff"),
    RETRY_REUSE_ADDRESS("data.retry.reuse-address", "false", Kind.BOOLEAN, "SO_REUSEADDR in the retry strategy, as BSD ftpd", "--retry-reuse-address"),
    AUTH_ANONYMOUS("auth.anonymous", "true", Kind.BOOLEAN, "anonymous read-only login", "--anonymous"),
    AUTH_ANONYMOUS_WRITE("auth.anonymous.write", "false", Kind.BOOLEAN, "let anonymous upload", "--anonymous-write"),
    AUTH_USER("auth.user", "", Kind.TEXT, "a user name (needs auth.password)", "--user"),
    AUTH_PASSWORD("auth.password", "", Kind.TEXT, "the password of auth.user (shows in the process list: prefer --password-env or --password-file)", "--password"),
    AUTH_PASSWORD_FILE("auth.password-file", "", Kind.TEXT, "a file whose first line is the password of auth.user (keeps it out of the process list)", "--password-file"),
    AUTH_ADMIN("auth.admin", "false", Kind.BOOLEAN, "auth.user may run admin commands (SITE STATS RESET)", "--admin"),
    AUTH_USERS_FILE("auth.users-file", "", Kind.TEXT, "a users properties file", "--users-file"),
    AUTH_HOME_JAIL("auth.home-jail", "true", Kind.BOOLEAN, "a user's home is his root (true) or only his start directory (false)", "--home-jail"),
    PASSIVE_PORTS("data.passive.ports", "", Kind.TEXT, "a range like 30000-30100; empty = any free port", "--passive-ports"),
    PASSIVE_ADDRESS("data.passive.address", "", Kind.TEXT, "an IPv4 address announced in PASV replies; empty = the control connection's", null),
    ACTIVE_ALLOW_FOREIGN("data.active.allow-foreign-address", "false", Kind.BOOLEAN, "PORT/EPRT may name another host or a port below 1024", null),
    MAX_SESSIONS("limits.max-sessions", "512", Kind.TEXT, "a number 1-100000", null),
    MAX_SESSIONS_PER_IP("limits.max-sessions-per-ip", "256", Kind.TEXT, "a number 1-100000", null),
    IDLE_TIMEOUT("limits.idle-timeout", "300s", Kind.DURATION, "no command (and no transfer) this long closes the session", null),
    DATA_TIMEOUT("limits.data-timeout", "30s", Kind.DURATION, "connect, accept and stall timeout of data connections", null),
    MAX_LOGIN_FAILURES("limits.max-login-failures", "3", Kind.TEXT, "a number 1-100", null),
    LOGIN_TIMEOUT("limits.login-timeout", "30s", Kind.DURATION, "time to log in after connecting", null),
    LINE_TIMEOUT("limits.line-timeout", "60s", Kind.DURATION, "time from a line's first byte to its end", null),
    PRELOGIN_MAX("limits.prelogin.max", "256", Kind.TEXT, "a number 1-100000: connections not logged in, all addresses", null),
    PRELOGIN_MAX_PER_ADDRESS("limits.prelogin.max-per-address", "32", Kind.TEXT, "a number 1-100000: connections not logged in, one address", null),
    PRELOGIN_MAX_COMMANDS("limits.prelogin.max-commands", "20", Kind.TEXT, "a number 1-10000: commands a connection may send before it logs in", null),
    LOGIN_FAILURE_DELAY("limits.login.failure-delay", "500ms", Kind.DURATION, "delay of a 530 per failure from the address (at most 5 s)", null),
    LOGIN_BAN_AFTER("limits.login.ban-after", "10", Kind.TEXT, "a number 1-100000: failed logins from one address before a ban", null),
    LOGIN_BAN_TIME("limits.login.ban-time", "10m", Kind.DURATION, "how long a ban lasts (and how long failures are remembered)", null),
    AUTH_THREADS("limits.auth.threads", "2", Kind.TEXT, "a number 1-64: threads that hash passwords", null),
    COMMAND_THREADS("limits.command-threads", "0", Kind.TEXT, "a number 0-256: threads that run commands and the transfers that need not wait; 0 = one per core, at least 2", null),
    IO_THREADS("limits.io-threads", "0", Kind.TEXT, "a number 0-64: threads that read and write the control connections; 0 = one per two cores, at least 1", null),
    PASSIVE_TIMEOUT("limits.passive.timeout", "30s", Kind.DURATION, "a PASV/EPSV listener not used by a transfer is closed after it", null),
    PASSIVE_MAX_PER_ADDRESS("limits.passive.max-per-address", "16", Kind.TEXT, "a number 1-100000: open passive listeners for one client address", null),
    DRAIN_TIME("server.drain-time", "10s", Kind.DURATION, "on SIGTERM, how long running transfers may finish", "--drain-time"),
    METRICS_PORT("metrics.port", "", Kind.TEXT, "a port 0-65535 for GET /metrics (0 = any free port); empty = off", "--metrics-port"),
    METRICS_HOST("metrics.host", "127.0.0.1", Kind.TEXT, "the address /metrics listens on", "--metrics-host"),
    LOG_LEVEL("log.level", "", Kind.TEXT, "ERROR, WARN, INFO, DEBUG or TRACE; empty = $FTPD_LOG_LEVEL, else INFO", "--log-level"),
    LOG_CONFIG("log.config", "", Kind.TEXT, "a logback XML file used instead of the built-in set-up", "--logback"),
    XFERLOG("log.xferlog", "", Kind.TEXT, "a file the transfer log is appended to in wu-ftpd xferlog format; empty = none", "--xferlog");

    /** How a value is read; the command line gives boolean options without a value ({@code --anonymous-write}). */
    public enum Kind {
        TEXT, BOOLEAN, DURATION
    }

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final String allowed;
    private final String option;

    ConfigKey(String key, String defaultValue, Kind kind, String allowed, String option) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        // Not a switch: an enum switch inside the enum's own constructor reads values() before they exist.
        String forms = kind == Kind.BOOLEAN ? Booleans.FORMS : kind == Kind.DURATION ? Durations.FORMS : null;
        this.allowed = forms == null ? allowed : forms + ": " + allowed;
        this.option = option;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    /** What the key allows, with the accepted forms of its kind: the text of errors and of --help. */
    public String allowed() {
        return allowed;
    }

    /** The command-line option that sets this key, if any. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /**
     * True when SIGHUP applies a new value to the running server. The others are built into
     * sockets, pools or the data path at start (the port, the root, the bind strategy, the pool
     * sizes) and keep their running value until a restart. Bounce protection
     * (data.active.allow-foreign-address) is one of them: PORT checks it per command, but a passive
     * listener takes it when it opens, and the two must never disagree.
     */
    public boolean reloadable() {
        return switch (this) {
            case AUTH_ANONYMOUS, AUTH_ANONYMOUS_WRITE, AUTH_USER, AUTH_PASSWORD, AUTH_PASSWORD_FILE, AUTH_ADMIN,
                    AUTH_USERS_FILE, AUTH_HOME_JAIL, PASSIVE_ADDRESS, MAX_SESSIONS,
                    MAX_SESSIONS_PER_IP, MAX_LOGIN_FAILURES, LOGIN_TIMEOUT, LINE_TIMEOUT, PRELOGIN_MAX_COMMANDS,
                    PASSIVE_TIMEOUT, DRAIN_TIME, LOG_LEVEL -> true;
            default -> false;
        };
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
