package ftpdlab.harness.phase;

import ftpdlab.config.ConfigLoader;
import ftpdlab.harness.observe.BindFacts;
import ftpdlab.server.FtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An ftpd for one compare phase: its own root, its own fresh data port, one read-write user for the load. */
public final class EmbeddedFtpd implements AutoCloseable {

    public static final String USER = "harness";

    private final Path root;
    private final String password = UUID.randomUUID().toString();
    private final FtpServer server;

    public EmbeddedFtpd(String host, String strategy, Duration backoff, int clients) throws IOException {
        root = Files.createTempDirectory("ftpd-lab-compare");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.host", host);
        settings.put("server.port", "0");
        // A fresh data port per phase: TIME_WAIT left on the last phase's port can't leak into this one.
        settings.put("data.port", Integer.toString(freePort(host)));
        settings.put("fs.root", root.toString());
        settings.put("data.bind-strategy", strategy);
        settings.put("data.retry.backoff", backoff.toMillis() + "ms");
        settings.put("auth.user", USER);
        settings.put("auth.password", password);
        settings.put("auth.anonymous", "false");
        // Room for every client of the load (and SITE STATS beside them) at once, from one address,
        // also while their logins wait for the password hash: the load is not the flood these limits stop.
        String room = Integer.toString(clients + 16);
        settings.put("limits.max-sessions", room);
        settings.put("limits.max-sessions-per-ip", room);
        settings.put("limits.prelogin.max", room);
        settings.put("limits.prelogin.max-per-address", room);
        server = new FtpServer(ConfigLoader.load(null, settings)).start();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        }
    }

    public String host() {
        return server.address().getAddress().getHostAddress();
    }

    public int port() {
        return server.port();
    }

    public int dataPort() {
        return server.dataPort();
    }

    public String password() {
        return password;
    }

    /** How this server binds its active data sockets: the same facts SITE STATS reports. */
    public BindFacts bind() {
        return BindFacts.of(server.stats().snapshot()).orElseThrow();
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        try (var walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
