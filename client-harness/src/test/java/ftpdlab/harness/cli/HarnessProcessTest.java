package ftpdlab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.config.ConfigLoader;
import ftpdlab.server.FtpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness as users start it: a separate JVM, its exit status and its output. */
class HarnessProcessTest {

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result harness(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HarnessCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("harness did not stop by itself");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private static void assertOneLine(Result r, int exit, String expected) {
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("client-harness: ").contains(expected).doesNotContain("\tat ");
    }

    @Test
    void aServerThatIsNotThereIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertOneLine(harness("run", "--port", Integer.toString(port), "--quiet"), 1, "cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void aRefusedLoginIsOneLineAndExitOne() throws Exception {
        FtpServer server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0", "fs.root",
                dir.resolve("root").toString(), "auth.anonymous", "false"))).start();
        try {
            Result r = harness("run", "--port", Integer.toString(server.port()), "--quiet");
            assertOneLine(r, 1, "login as 'anonymous' refused");
            assertThat(r.err()).contains("530");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        assertOneLine(harness("run", "--op", "dance"), 2, "--op must be one of retr, stor, list, mixed");
        assertOneLine(harness("run", "--size", "lots"), 2, "bad size 'lots'");
        assertOneLine(harness("compare", "--strategies", "retry,magic"), 2, "unknown strategy 'magic'");
        assertOneLine(harness("run", "--clientz", "3"), 2, "--clientz");
    }

    @Test
    void runAgainstFtpdPrintsItsRowWithTheServersCounters() throws Exception {
        FtpServer server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0", "fs.root",
                dir.resolve("root").toString(), "auth.user", "bob", "auth.password", "pw"))).start();
        try {
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "4", "--transfers", "5", "--op", "mixed", "--quiet", "--report", dir.resolve("rep").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("run");
            String csv = Files.readString(dir.resolve("rep/transfers.csv"));
            assertThat(csv.lines().count()).isEqualTo(1 + 4 * 5);
            assertThat(csv).contains(",RETR,", ",STOR,", ",LIST,");
            assertThat(server.stats().snapshot().get("transfers.ok")).isEqualTo("21"); // 20 + the set-up upload
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void theMaxDurationStopsARunByItself() throws Exception {
        FtpServer server = new FtpServer(ConfigLoader.load(null, Map.of("server.port", "0", "fs.root",
                dir.resolve("root").toString(), "auth.user", "bob", "auth.password", "pw", "data.bind-strategy", "retry",
                "data.retry.backoff", "1s"))).start();
        try {
            // After the first download the port sits in TIME_WAIT: every later transfer waits out the back-off.
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "4", "--transfers", "100", "--max-duration", "3s", "--quiet",
                    "--report", dir.resolve("rep").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("stopped by --max-duration");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
