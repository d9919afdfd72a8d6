package ftpdlab.config;

import ftpdlab.bind.BindStrategies;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an {@link FtpdConfig} from three layers: the defaults, a properties file, and the command
 * line (the later wins). Every value is checked here, once; a problem becomes a one-line
 * {@link ConfigException} naming the key and what it allows.
 */
public final class ConfigLoader {

    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");

    private ConfigLoader() {
    }

    /**
     * @param file properties file, or null
     * @param overrides key to value, from the command line
     */
    public static FtpdConfig load(Path file, Map<String, String> overrides) {
        return build(values(file, overrides));
    }

    /**
     * A reload: the file read again with the same command line; a key that needs a restart and
     * changed is reported to {@code restartNeeded} and keeps its running value.
     *
     * @param running the values the server started with ({@link #values})
     */
    public static FtpdConfig reload(Path file, Map<String, String> overrides, Map<String, String> running,
                                    Consumer<ConfigKey> restartNeeded) {
        Map<String, String> next = values(file, overrides);
        for (ConfigKey k : ConfigKey.values()) {
            if (!k.reloadable() && !Objects.equals(next.get(k.key()), running.get(k.key()))) {
                restartNeeded.accept(k);
                next.put(k.key(), running.get(k.key()));
            }
        }
        return build(next);
    }

    /** Every key's value from the three layers, not yet checked. */
    public static Map<String, String> values(Path file, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            values.put(k.key(), k.defaultValue());
        }
        if (file != null) {
            values.putAll(readFile(file));
        }
        for (var e : overrides.entrySet()) {
            if (ConfigKey.byKey(e.getKey()).isEmpty()) {
                throw new ConfigException("unknown key '" + e.getKey() + "'");
            }
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (ConfigKey.byKey(name).isEmpty()) {
                throw new ConfigException(file + ": unknown key '" + name + "' (known keys: see docs/configuration.md)");
            }
            out.put(name, props.getProperty(name).trim());
        }
        return out;
    }

    /** Checks every value once; a problem is a one-line ConfigException naming the key. */
    public static FtpdConfig build(Map<String, String> v) {
        String host = text(v, ConfigKey.SERVER_HOST);
        if (host.isEmpty()) {
            throw bad(ConfigKey.SERVER_HOST, host);
        }
        int port = intIn(v, ConfigKey.SERVER_PORT, 0, 65535);
        String dataPortText = text(v, ConfigKey.DATA_PORT);
        int dataPort;
        if (dataPortText.isEmpty()) {
            dataPort = port > 1 ? port - 1 : 0;
        } else {
            dataPort = intIn(v, ConfigKey.DATA_PORT, 1, 65535);
        }
        String strategy = text(v, ConfigKey.BIND_STRATEGY).toLowerCase(Locale.ROOT);
        if (!BindStrategies.names().contains(strategy)) {
            throw bad(ConfigKey.BIND_STRATEGY, strategy);
        }
        String user = text(v, ConfigKey.AUTH_USER);
        String password = text(v, ConfigKey.AUTH_PASSWORD);
        String passwordFile = text(v, ConfigKey.AUTH_PASSWORD_FILE);
        if (!passwordFile.isEmpty()) {
            if (!password.isEmpty()) {
                throw new ConfigException("auth.password and auth.password-file (--password, --password-file) exclude each other");
            }
            password = firstLine(passwordFile);
        }
        if (user.isEmpty() != password.isEmpty()) {
            throw new ConfigException("auth.user and auth.password (--user, --password) go together: give both or neither");
        }
        String usersFile = text(v, ConfigKey.AUTH_USERS_FILE);
        String passiveAddress = text(v, ConfigKey.PASSIVE_ADDRESS);
        if (!passiveAddress.isEmpty() && !passiveAddress.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw bad(ConfigKey.PASSIVE_ADDRESS, passiveAddress);
        }
        return new FtpdConfig(
                host,
                port,
                dataPort,
                Path.of(text(v, ConfigKey.FS_ROOT).isEmpty() ? "." : text(v, ConfigKey.FS_ROOT)),
                strategy,
                intIn(v, ConfigKey.RETRY_MAX_TRIES, 0, 1000),
                duration(v, ConfigKey.RETRY_BACKOFF),
                bool(v, ConfigKey.RETRY_REUSE_ADDRESS),
                bool(v, ConfigKey.AUTH_ANONYMOUS),
                bool(v, ConfigKey.AUTH_ANONYMOUS_WRITE),
                user.isEmpty() ? null : user,
                password.isEmpty() ? null : password,
                bool(v, ConfigKey.AUTH_ADMIN),
                usersFile.isEmpty() ? null : Path.of(usersFile),
                bool(v, ConfigKey.AUTH_HOME_JAIL),
                range(v, ConfigKey.PASSIVE_PORTS),
                passiveAddress.isEmpty() ? null : passiveAddress,
                bool(v, ConfigKey.ACTIVE_ALLOW_FOREIGN),
                intIn(v, ConfigKey.MAX_SESSIONS, 1, 100_000),
                intIn(v, ConfigKey.MAX_SESSIONS_PER_IP, 1, 100_000),
                positive(v, ConfigKey.IDLE_TIMEOUT),
                positive(v, ConfigKey.DATA_TIMEOUT),
                intIn(v, ConfigKey.MAX_LOGIN_FAILURES, 1, 100),
                duration(v, ConfigKey.DRAIN_TIME),
                new FtpdConfig.Limits(
                        positive(v, ConfigKey.LOGIN_TIMEOUT),
                        positive(v, ConfigKey.LINE_TIMEOUT),
                        intIn(v, ConfigKey.PRELOGIN_MAX, 1, 100_000),
                        intIn(v, ConfigKey.PRELOGIN_MAX_PER_ADDRESS, 1, 100_000),
                        intIn(v, ConfigKey.PRELOGIN_MAX_COMMANDS, 1, 10_000),
                        duration(v, ConfigKey.LOGIN_FAILURE_DELAY),
                        intIn(v, ConfigKey.LOGIN_BAN_AFTER, 1, 100_000),
                        positive(v, ConfigKey.LOGIN_BAN_TIME),
                        intIn(v, ConfigKey.AUTH_THREADS, 1, 64),
                        intIn(v, ConfigKey.COMMAND_THREADS, 0, 256),
                        intIn(v, ConfigKey.IO_THREADS, 0, 64),
                        positive(v, ConfigKey.PASSIVE_TIMEOUT),
                        intIn(v, ConfigKey.PASSIVE_MAX_PER_ADDRESS, 1, 100_000)),
                operations(v));
    }

    private static FtpdConfig.Operations operations(Map<String, String> v) {
        String level = text(v, ConfigKey.LOG_LEVEL).toUpperCase(Locale.ROOT);
        if (!level.isEmpty() && !List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(level)) {
            throw bad(ConfigKey.LOG_LEVEL, text(v, ConfigKey.LOG_LEVEL));
        }
        String metricsHost = text(v, ConfigKey.METRICS_HOST);
        if (metricsHost.isEmpty()) {
            throw bad(ConfigKey.METRICS_HOST, metricsHost);
        }
        return new FtpdConfig.Operations(
                metricsHost,
                text(v, ConfigKey.METRICS_PORT).isEmpty() ? -1 : intIn(v, ConfigKey.METRICS_PORT, 0, 65535),
                level.isEmpty() ? null : level,
                optionalPath(v, ConfigKey.LOG_CONFIG),
                optionalPath(v, ConfigKey.XFERLOG));
    }

    private static Path optionalPath(Map<String, String> v, ConfigKey k) {
        String s = text(v, k);
        return s.isEmpty() ? null : Path.of(s);
    }

    /** The password file's first line; the rest (a trailing newline, comments) is ignored. */
    private static String firstLine(String file) {
        try (var lines = Files.lines(Path.of(file), StandardCharsets.UTF_8)) {
            String line = lines.findFirst().orElse("");
            if (line.isEmpty()) {
                throw new ConfigException("auth.password-file (--password-file) " + file + ": first line is empty");
            }
            return line;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException("cannot read auth.password-file (--password-file) " + file + ": " + e.getMessage());
        }
    }

    private static String text(Map<String, String> v, ConfigKey k) {
        String s = v.get(k.key());
        return s == null ? "" : s.trim();
    }

    private static ConfigException bad(ConfigKey k, String value) {
        String via = k.option().map(o -> " (" + o + ")").orElse("");
        return new ConfigException("bad value for " + k.key() + via + ": '" + value + "'; allowed: " + k.allowed());
    }

    private static int intIn(Map<String, String> v, ConfigKey k, int min, int max) {
        String s = text(v, k);
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw bad(k, s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(k, s);
        }
    }

    private static boolean bool(Map<String, String> v, ConfigKey k) {
        String s = text(v, k);
        try {
            return Booleans.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(k, s);
        }
    }

    private static Duration duration(Map<String, String> v, ConfigKey k) {
        String s = text(v, k);
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(k, s);
        }
    }

    private static Duration positive(Map<String, String> v, ConfigKey k) {
        Duration d = duration(v, k);
        if (d.isZero()) {
            throw bad(k, text(v, k));
        }
        return d;
    }

    private static PortRange range(Map<String, String> v, ConfigKey k) {
        String s = text(v, k);
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = RANGE.matcher(s);
        try {
            if (m.matches()) {
                return new PortRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            int single = Integer.parseInt(s);
            return new PortRange(single, single);
        } catch (RuntimeException e) {
            throw bad(k, s);
        }
    }
}
