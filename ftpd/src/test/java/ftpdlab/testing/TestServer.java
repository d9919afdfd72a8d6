package ftpdlab.testing;

import ftpdlab.config.ConfigLoader;
import ftpdlab.config.FtpdConfig;
import ftpdlab.server.FtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * A real ftpd on a free port with its own root directory, for tests. Configure with
 * {@link #with(String, String)} (the keys of docs/configuration.md), then {@link #start()}.
 * Has one read-write admin user {@value #USER}/{@value #PASSWORD} and anonymous read-only login.
 */
public final class TestServer implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "secret";

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Path root;
    private FtpServer server;

    public TestServer() {
        try {
            root = Files.createTempDirectory("ftpd-test-root");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.put("server.host", "127.0.0.1");
        settings.put("server.port", "0");
        settings.put("fs.root", root.toString());
        settings.put("auth.user", USER);
        settings.put("auth.password", PASSWORD);
        settings.put("auth.admin", "true");
        settings.put("data.retry.backoff", "5ms");
        settings.put("limits.data-timeout", "5s");
        // Test classes share a server and all connect from 127.0.0.1: failures counted per address
        // would otherwise add up across tests into long delays and a ban. Tests of those set their own.
        settings.put("limits.login.failure-delay", "50ms");
        settings.put("limits.login.ban-after", "1000");
    }

    public TestServer with(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public TestServer strategy(String name) {
        return with("data.bind-strategy", name);
    }

    public TestServer ipv6() {
        return with("server.host", "::1");
    }

    public TestServer start() {
        FtpdConfig config = ConfigLoader.load(null, settings);
        try {
            server = new FtpServer(config).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public FtpServer server() {
        return server;
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

    public Path root() {
        return root;
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    /** Writes a file under the root, creating parents. */
    public Path write(String relative, byte[] content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.write(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A commons-net client, connected and logged in as the read-write user, binary type, in the given mode. */
    public FTPClient client(boolean passive) throws IOException {
        return login(passive, USER, PASSWORD);
    }

    public FTPClient login(boolean passive, String user, String password) throws IOException {
        FTPClient c = connect();
        if (!c.login(user, password)) {
            c.disconnect();
            throw new IOException("login failed: " + c.getReplyString());
        }
        c.setFileType(FTP.BINARY_FILE_TYPE);
        if (passive) {
            c.enterLocalPassiveMode();
        } else {
            c.enterLocalActiveMode();
        }
        return c;
    }

    /** Connected, not logged in. */
    public FTPClient connect() throws IOException {
        FTPClient c = new FTPClient();
        c.setConnectTimeout(5_000);
        c.setDefaultTimeout(10_000);
        c.setDataTimeout(Duration.ofSeconds(10));
        c.connect(host(), port());
        if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
            c.disconnect();
            throw new IOException("no 220 greeting: " + c.getReplyString());
        }
        return c;
    }

    /** SITE STATS as name to value. */
    public Map<String, String> stats() {
        return server.stats().snapshot();
    }

    public long stat(String name) {
        return Long.parseLong(stats().getOrDefault(name, "0"));
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
