package ftpdlab.cli;

import ftpdlab.config.ConfigException;
import ftpdlab.config.ConfigKey;
import ftpdlab.config.ConfigLoader;
import ftpdlab.config.FtpdConfig;
import ftpdlab.server.FtpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar ftpd.jar}: runs the server; {@code hash-password} makes a users-file hash. */
@Command(name = "ftpd", mixinStandardHelpOptions = true, version = "ftpd-lab 0.1.0",
        description = "A real FTP server whose active-mode data connections come from a fixed port, "
                + "with a switchable bind strategy (retry, reuseport, reuseaddr, ephemeral).",
        subcommands = HashPasswordCommand.class)
public final class FtpdCommand implements Callable<Integer> {

    static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the keys of docs/configuration.md.")
    Path configFile;

    @Option(names = "--host", description = "Listen address (default 127.0.0.1; ::1 and 0.0.0.0 work).")
    String host;

    @Option(names = "--port", description = "Control port (default 2121; 0 = any free port).")
    String port;

    @Option(names = "--data-port", description = "Fixed active source port (default control port - 1).")
    String dataPort;

    @Option(names = "--root", description = "Directory served (default ./ftp-root).")
    String root;

    @Option(names = "--bind-strategy", description = "retry, reuseport, reuseaddr or ephemeral (default reuseport).")
    String bindStrategy;

    @Option(names = "--retry-max-tries", description = "Retries after the first bind (default 10, as BSD ftpd).")
    String retryMaxTries;

    @Option(names = "--retry-backoff", description = "Unit of the linear back-off, e.g. 1s or 20ms (default 1s).")
    String retryBackoff;

    @Option(names = "--retry-reuse-address", arity = "0..1", fallbackValue = "true",
            description = "Set SO_REUSEADDR in the retry strategy, as BSD ftpd did (default false).")
    String retryReuseAddress;

    @Option(names = "--anonymous", arity = "0..1", fallbackValue = "true", description = "Anonymous read-only login (default true).")
    String anonymous;

    @Option(names = "--anonymous-write", arity = "0..1", fallbackValue = "true", description = "Let anonymous upload (default false).")
    String anonymousWrite;

    @Option(names = "--user", description = "One read-write user, for quick tests (needs --password).")
    String user;

    @Option(names = "--password", description = "Password of --user (visible in the process list: prefer --password-env or --password-file).")
    String password;

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the password of --user from this environment variable.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password of --user from this file's first line.")
    String passwordFile;

    @Option(names = "--admin", arity = "0..1", fallbackValue = "true", description = "--user may run admin commands such as SITE STATS RESET (default false).")
    String admin;

    @Option(names = "--users-file", description = "Users with PBKDF2 hashes (see hash-password).")
    String usersFile;

    @Option(names = "--passive-ports", description = "Passive port range, e.g. 30000-30100 (default any free port).")
    String passivePorts;

    @Override
    public Integer call() {
        FtpdConfig config;
        FtpServer server;
        // Before the acceptor binds: a SIGTERM that arrives as the first client connects must
        // still stop the server gracefully (exit 0), not kill the JVM (143).
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        try {
            config = ConfigLoader.load(configFile, overrides());
            server = new FtpServer(config).start();
        } catch (ConfigException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        printBanner(server);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("ftpd: stopping (running transfers get up to 10 s)");
        server.stop(Duration.ofSeconds(10));
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, ConfigKey.SERVER_HOST, host);
        put(m, ConfigKey.SERVER_PORT, port);
        put(m, ConfigKey.DATA_PORT, dataPort);
        put(m, ConfigKey.FS_ROOT, root);
        put(m, ConfigKey.BIND_STRATEGY, bindStrategy);
        put(m, ConfigKey.RETRY_MAX_TRIES, retryMaxTries);
        put(m, ConfigKey.RETRY_BACKOFF, retryBackoff);
        put(m, ConfigKey.RETRY_REUSE_ADDRESS, retryReuseAddress);
        put(m, ConfigKey.AUTH_ANONYMOUS, anonymous);
        put(m, ConfigKey.AUTH_ANONYMOUS_WRITE, anonymousWrite);
        put(m, ConfigKey.AUTH_USER, user);
        put(m, ConfigKey.AUTH_PASSWORD, password);
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("--password-env " + passwordEnv + ": no such environment variable (or it is empty)");
            }
            if (password != null) {
                throw new ConfigException("--password and --password-env exclude each other");
            }
            m.put(ConfigKey.AUTH_PASSWORD.key(), value);
        }
        put(m, ConfigKey.AUTH_PASSWORD_FILE, passwordFile);
        put(m, ConfigKey.AUTH_ADMIN, admin);
        put(m, ConfigKey.AUTH_USERS_FILE, usersFile);
        put(m, ConfigKey.PASSIVE_PORTS, passivePorts);
        return m;
    }

    private static void put(Map<String, String> m, ConfigKey k, String v) {
        if (v != null) {
            m.put(k.key(), v);
        }
    }

    private static void printBanner(FtpServer server) {
        FtpdConfig c = server.config();
        String host = server.address().getAddress().getHostAddress();
        String urlHost = host.contains(":") ? "[" + host + "]" : host;
        int port = server.port();
        String url = "ftp://" + urlHost + ":" + port + "/";
        System.out.println("ftpd-lab FTP server on " + urlHost + ":" + port
                + "  root " + c.root().toAbsolutePath().normalize()
                + "  bind strategy " + c.bindStrategy() + " (active data from port " + server.dataPort() + ")"
                + (c.anonymous() ? "  anonymous read-only login on" : ""));
        System.out.println("  try: curl " + url + "welcome.txt   (active mode: curl -P - " + url + "welcome.txt)");
        System.out.flush();
    }

    static int fail(String message) {
        System.err.println("ftpd: " + message);
        return EXIT_CONFIG;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FtpdCommand());
        // One line and exit 2 for a bad option, not a usage dump.
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ftpd: " + ex.getMessage() + " (see --help)");
            err.flush();
            return EXIT_CONFIG;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ftpd: " + ex);
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }
}
