package ftpdlab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.config.ConfigLoader;
import ftpdlab.server.FtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ServerStatsReaderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void readsTheCountersOfARealFtpd(@TempDir Path root) throws IOException {
        FtpServer server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0",
                "fs.root", root.toString(), "auth.user", "alice", "auth.password", "secret")));
        server.start();
        try {
            String host = server.address().getAddress().getHostAddress();

            Optional<Map<String, String>> stats = ServerStatsReader.read(host, server.port(), "alice", "secret", TIMEOUT);

            assertThat(stats).hasValueSatisfying(m -> {
                assertThat(m).containsEntry("bind.strategy", "reuseport")
                        .containsEntry("data.port", Integer.toString(server.dataPort()))
                        .containsEntry("bind.attempts", "0")
                        .containsKeys("transfers.ok", "setup.us.p99", "sessions.active");
            });
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aWrongPasswordGivesEmpty(@TempDir Path root) throws IOException {
        FtpServer server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0",
                "fs.root", root.toString(), "auth.user", "alice", "auth.password", "secret",
                "auth.anonymous", "false")));
        server.start();
        try {
            String host = server.address().getAddress().getHostAddress();

            assertThat(ServerStatsReader.read(host, server.port(), "alice", "wrong", TIMEOUT)).isEmpty();
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aServerThatAnswers500ToEverythingGivesEmpty() throws IOException {
        try (FakeFtp fake = new FakeFtp(cmd -> "500 Unknown command.")) {
            assertThat(ServerStatsReader.read("127.0.0.1", fake.port(), "alice", "secret", TIMEOUT)).isEmpty();
            assertThat(fake.sawCommand()).isTrue();
        }
    }

    @Test
    void aServerWithoutSiteStatsGivesEmptyAfterLogin() throws IOException {
        // Other servers log in fine and then refuse the SITE subcommand.
        try (FakeFtp fake = new FakeFtp(cmd -> cmd.startsWith("USER") ? "331 Password please."
                : cmd.startsWith("PASS") ? "230 Logged in." : "502 Command not implemented.")) {
            assertThat(ServerStatsReader.read("127.0.0.1", fake.port(), "alice", "secret", TIMEOUT)).isEmpty();
        }
    }

    @Test
    void aRefusedPortGivesEmpty() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        assertThat(ServerStatsReader.read("127.0.0.1", port, "alice", "secret", TIMEOUT)).isEmpty();
    }

    /** Greets like an FTP server and answers every command line with {@code answer}; QUIT closes. */
    private static final class FakeFtp implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread thread;
        private volatile boolean sawCommand;

        FakeFtp(UnaryOperator<String> answer) throws IOException {
            listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(answer), "fake-ftp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        boolean sawCommand() {
            return sawCommand;
        }

        private void serve(UnaryOperator<String> answer) {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                        Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII)) {
                    out.write("220 fake FTP ready\r\n");
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        sawCommand = true;
                        if (line.toUpperCase().startsWith("QUIT")) {
                            out.write("221 Bye.\r\n");
                            out.flush();
                            break;
                        }
                        out.write(answer.apply(line) + "\r\n");
                        out.flush();
                    }
                } catch (IOException e) {
                    // Listener closed, or the client went away: the test is over either way.
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
