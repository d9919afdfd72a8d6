package ftpdlab.config;

import ftpdlab.bind.BindStrategies;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key, its default and what it allows. The properties file, the command line
 * and docs/configuration.md all speak in these names; one table keeps them from drifting apart.
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1", "an IP address or host name to listen on", "--host"),
    SERVER_PORT("server.port", "2121", "a port 0-65535 (0 = any free port)", "--port"),
    DATA_PORT("data.port", "", "a port 1-65535; empty = control port - 1 (a free port when the control port is 0)", "--data-port"),
    FS_ROOT("fs.root", "./ftp-root", "a directory (created with a welcome file if missing)", "--root"),
    BIND_STRATEGY("data.bind-strategy", "reuseport", "one of " + String.join(", ", BindStrategies.names()), "--bind-strategy"),
    RETRY_MAX_TRIES("data.retry.max-tries", "10", "retries after the first bind, 0-1000", "--retry-max-tries"),
    RETRY_BACKOFF("data.retry.backoff", "1s", "a duration like 1s or 5ms (wait tries x this)", "--retry-backoff"),
    RETRY_REUSE_ADDRESS("data.retry.reuse-address", "false", "true or false", "--retry-reuse-address"),
    AUTH_ANONYMOUS("auth.anonymous", "true", "true or false", "--anonymous"),
    AUTH_ANONYMOUS_WRITE("auth.anonymous.write", "false", "true or false", "--anonymous-write"),
    AUTH_USER("auth.user", "", "a user name (needs auth.password)", "--user"),
    AUTH_PASSWORD("auth.password", "", "the password of auth.user", "--password"),
    AUTH_PASSWORD_FILE("auth.password-file", "", "a file whose first line is the password of auth.user (keeps it out of the process list)", "--password-file"),
    AUTH_ADMIN("auth.admin", "false", "true or false: auth.user may run admin commands (SITE STATS RESET)", "--admin"),
    AUTH_USERS_FILE("auth.users-file", "", "a users properties file", "--users-file"),
    PASSIVE_PORTS("data.passive.ports", "", "a range like 30000-30100; empty = any free port", "--passive-ports"),
    PASSIVE_ADDRESS("data.passive.address", "", "an IPv4 address announced in PASV replies; empty = the control connection's", null),
    ACTIVE_ALLOW_FOREIGN("data.active.allow-foreign-address", "false", "true or false", null),
    MAX_SESSIONS("limits.max-sessions", "512", "a number 1-100000", null),
    MAX_SESSIONS_PER_IP("limits.max-sessions-per-ip", "256", "a number 1-100000", null),
    IDLE_TIMEOUT("limits.idle-timeout", "300s", "a duration like 300s", null),
    DATA_TIMEOUT("limits.data-timeout", "30s", "a duration like 30s", null),
    MAX_LOGIN_FAILURES("limits.max-login-failures", "3", "a number 1-100", null),
    LOGIN_TIMEOUT("limits.login-timeout", "30s", "a duration like 30s: time to log in after connecting", null),
    LINE_TIMEOUT("limits.line-timeout", "60s", "a duration like 60s: time from a line's first byte to its end", null),
    PRELOGIN_MAX("limits.prelogin.max", "256", "a number 1-100000: connections not logged in, all addresses", null),
    PRELOGIN_MAX_PER_ADDRESS("limits.prelogin.max-per-address", "32", "a number 1-100000: connections not logged in, one address", null),
    PRELOGIN_MAX_COMMANDS("limits.prelogin.max-commands", "20", "a number 1-10000: commands a connection may send before it logs in", null),
    LOGIN_FAILURE_DELAY("limits.login.failure-delay", "500ms", "a duration like 500ms: delay of a 530 per failure from the address (at most 5 s)", null),
    LOGIN_BAN_AFTER("limits.login.ban-after", "10", "a number 1-100000: failed logins from one address before a ban", null),
    LOGIN_BAN_TIME("limits.login.ban-time", "10m", "a duration like 10m: how long a ban lasts (and how long failures are remembered)", null),
    AUTH_THREADS("limits.auth.threads", "2", "a number 1-64: threads that hash passwords", null),
    PASSIVE_TIMEOUT("limits.passive.timeout", "30s", "a duration like 30s: a PASV/EPSV listener not used by a transfer is closed after it", null),
    PASSIVE_MAX_PER_ADDRESS("limits.passive.max-per-address", "16", "a number 1-100000: open passive listeners for one client address", null);

    private final String key;
    private final String defaultValue;
    private final String allowed;
    private final String option;

    ConfigKey(String key, String defaultValue, String allowed, String option) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.option = option;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String allowed() {
        return allowed;
    }

    /** The command-line option that sets this key, if any. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    public static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
