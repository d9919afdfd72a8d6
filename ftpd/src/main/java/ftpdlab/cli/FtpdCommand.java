package ftpdlab.cli;

import ftpdlab.config.ConfigException;
import ftpdlab.config.ConfigKey;
import ftpdlab.config.ConfigLoader;
import ftpdlab.config.Durations;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code java -jar ftpd.jar}: runs the server; {@code hash-password} makes a users-file hash. */
@Command(name = "ftpd", mixinStandardHelpOptions = true, version = "ftpd-lab 0.1.0",
        description = "A real FTP server whose active-mode data connections come from a fixed port, "
                + "with a switchable bind strategy (retry, reuseport, reuseaddr, ephemeral).",
        subcommands = HashPasswordCommand.class)
public final class FtpdCommand implements Callable<Integer> {

    static final int EXIT_CONFIG = 2;

    private static final Logger log = LoggerFactory.getLogger(FtpdCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the keys of docs/configuration.md.")
    Path configFile;

    @Option(names = "--password-env", paramLabel = "NAME", description = "Read the password of --user from this environment variable.")
    String passwordEnv;

    /** The options made from ConfigKey (see {@link #commandLine}): key to the value given. */
    private final Map<String, String> given = new LinkedHashMap<>();

    @Override
    public Integer call() {
        FtpServer server;
        Map<String, String> overrides;
        Map<String, String> running;
        // Before the acceptor binds: a SIGTERM that arrives as the first client connects must
        // still stop the server gracefully (exit 0), not kill the JVM (143).
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        try {
            overrides = overrides();
            running = ConfigLoader.values(configFile, overrides);
            FtpdConfig config = ConfigLoader.build(running);
            Logging.apply(config.ops());
            server = new FtpServer(config).start();
        } catch (ConfigException | IllegalArgumentException | IOException e) {
            return fail(e.getMessage());
        }
        Signals.onReload(() -> reload(server, overrides, running));
        printBanner(server);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration drain = server.config().drainTime();
        System.err.println("ftpd: stopping (running transfers get up to " + Durations.show(drain) + ")");
        server.stop(drain);
        return 0;
    }

    /**
     * SIGHUP: reads the config file, the password file and the users file again. A bad one is
     * logged and the running configuration kept; a changed key that needs a restart is logged and
     * keeps its running value.
     */
    private synchronized void reload(FtpServer server, Map<String, String> overrides, Map<String, String> running) {
        try {
            FtpdConfig next = ConfigLoader.reload(configFile, overrides, running,
                    key -> log.warn("reload: {} changed but needs a restart; keeping {}", key.key(),
                            running.get(key.key())));
            server.reload(next);
            Logging.apply(next.ops());
        } catch (ConfigException | IllegalArgumentException e) {
            log.error("reload failed, running configuration kept: {}", e.getMessage());
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> m = new LinkedHashMap<>(given);
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new ConfigException("--password-env " + passwordEnv + ": no such environment variable (or it is empty)");
            }
            if (m.containsKey(ConfigKey.AUTH_PASSWORD.key())) {
                throw new ConfigException("--password and --password-env exclude each other");
            }
            m.put(ConfigKey.AUTH_PASSWORD.key(), value);
        }
        return m;
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

    /** One option per key that names one: a new key is a line in ConfigKey, never a field here. */
    private static OptionSpec optionFor(ConfigKey k, String name, Map<String, String> given) {
        String dflt = k.defaultValue().isEmpty() ? "" : " (default " + k.defaultValue() + ")";
        OptionSpec.Builder b = OptionSpec.builder(name)
                .type(String.class)
                .paramLabel(k.kind() == ConfigKey.Kind.DURATION ? "DURATION" : "VALUE")
                .description(k.allowed() + dflt + ". Key " + k.key() + ".")
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        if (value != null) {
                            given.put(k.key(), value.toString());
                        }
                        return null;
                    }
                });
        if (k.kind() == ConfigKey.Kind.BOOLEAN) {
            // Given alone it means true; --anonymous=false turns a default off.
            b.arity("0..1").fallbackValue("true").paramLabel("BOOLEAN");
        }
        return b.build();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        FtpdCommand command = new FtpdCommand();
        CommandSpec spec = CommandSpec.forAnnotatedObject(command);
        for (ConfigKey k : ConfigKey.values()) {
            k.option().ifPresent(name -> spec.addOption(optionFor(k, name, command.given)));
        }
        CommandLine cl = new CommandLine(spec);
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
