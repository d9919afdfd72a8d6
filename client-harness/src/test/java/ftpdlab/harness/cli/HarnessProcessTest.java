package ftpdlab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.config.ConfigLoader;
import ftpdlab.server.FtpServer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
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

    /** An ftpd on a free port with a read-write user bob (password pw), plus the given keys. */
    private FtpServer bobsServer(Map<String, String> extra) throws IOException {
        Map<String, String> config = new HashMap<>(Map.of("server.port", "0", "fs.root", dir.resolve("root").toString(),
                "auth.user", "bob", "auth.password", "pw"));
        config.putAll(extra);
        return new FtpServer(ConfigLoader.load(null, config)).start();
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
    void jsonDashWritesResultsJsonAloneOnStdout() throws Exception {
        FtpServer server = bobsServer(Map.of());
        try {
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "2", "--transfers", "2", "--quiet", "--json", "-");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(r.out());
            assertThat(root.get("schemaVersion").asInt()).isEqualTo(2);
            assertThat(root.get("phases").get(0).get("summary").get("ok").asLong()).isEqualTo(4);
            assertThat(root.get("phases").get(0).get("serverStats").get("transfers.ok").isIntegralNumber()).isTrue();
            assertThat(root.get("phases").get(0).get("plan").get("password").asText()).isEqualTo("***");
            // the verdict and the table moved to stderr
            assertThat(r.err()).contains("run: 4 of 4 ok", "strategy");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aCrossedThresholdExits99AndNamesItself() throws Exception {
        // retry on one port: after the first download the port sits in TIME_WAIT, so the rest give up
        Result r = harness("compare", "--strategies", "retry", "--clients", "2", "--transfers", "2", "--backoff", "2ms",
                "--quiet", "--fail-on", "retry:failed>0", "--fail-on", "retry:p99>60s");
        assertThat(r.exit()).as(r.err()).isEqualTo(99);
        assertThat(r.err().lines().toList()).singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("client-harness: threshold crossed: retry:failed>0 (retry: failed = ");
        assertThat(r.out()).contains("retry: ", "transfers failed with 425");
    }

    @Test
    void aBadThresholdIsOneLineAndExitTwoBeforeAnyLoad() throws Exception {
        assertOneLine(harness("compare", "--fail-on", "p99>>5"), 2, "bad --fail-on 'p99>>5'");
        assertOneLine(harness("compare", "--strategies", "retry", "--fail-on", "reuseport:failed>0"), 2,
                "no phase 'reuseport' in this run; phases: retry");
        assertOneLine(harness("run", "--fail-on", "retry:failed>0"), 2, "no phase 'retry' in this run; phases: run");
    }

    @Test
    void reportNamesAnUnknownSchemaVersionInOneLine() throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schemaVersion\": 3, \"phases\": {\"x\": null}}");
        assertOneLine(harness("report", file.toString()), 1, "schemaVersion 3 is not one this harness reads");
        assertThat(harness("report", file.toString()).err()).doesNotContain("NullPointer", "Exception");
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        assertOneLine(harness("run", "--op", "dance"), 2, "--op must be one of retr, stor, list, mixed");
        assertOneLine(harness("run", "--size", "lots"), 2, "bad size 'lots'");
        assertOneLine(harness("compare", "--strategies", "retry,magic"), 2, "unknown strategy 'magic'");
        assertOneLine(harness("run", "--clientz", "3"), 2, "--clientz");
        assertOneLine(harness("run", "--warmup", "soon"), 2, "--warmup");
    }

    /** The warm-up's transfers reach the server but no report: the phase counts only the measured ones. */
    @Test
    void aWarmUpRunsTheLoadFirstAndIsLeftOutOfTheResults() throws Exception {
        FtpServer server = bobsServer(Map.of());
        try {
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "2", "--transfers", "3", "--warmup", "1s", "--quiet", "--json", "-");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode phases = new ObjectMapper().readTree(r.out()).get("phases");
            assertThat(phases).hasSize(1);
            JsonNode summary = phases.get(0).get("summary");
            assertThat(summary.get("ok").asLong()).isEqualTo(6);
            assertThat(summary.get("transfers").asLong()).isEqualTo(6);
            // Less the measured transfers and each phase's set-up upload.
            long warmed = Long.parseLong(server.stats().snapshot().get("transfers.ok")) - 6 - 2;
            assertThat(warmed).isPositive();
            assertThat(phases.get(0).get("notes").toString())
                    .containsPattern("warm-up before this phase, not counted: " + warmed + " transfers in [0-9.]+ s \\(0 failed\\)");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void runAgainstFtpdPrintsItsRowWithTheServersCounters() throws Exception {
        FtpServer server = bobsServer(Map.of());
        try {
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "4", "--transfers", "5", "--op", "mixed", "--quiet", "--report", dir.resolve("rep").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            // --quiet: the verdict line, a blank line, the table; no notes, no progress
            List<String> out = r.out().lines().toList();
            assertThat(out.get(1)).isEqualTo("run: 20 of 20 ok, 0 bind collisions, p99 " + out.get(1).split("p99 ")[1]);
            assertThat(out.get(3)).startsWith("strategy");
            assertThat(out.get(5)).startsWith("run ");
            assertThat(out).hasSize(6);
            assertThat(r.err()).isEmpty();
            String json = Files.readString(dir.resolve("rep/results.json"));
            assertThat(json).contains("\"password\" : \"***\"", "--password *** ").doesNotContain("\"pw\"", " pw ");
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
        FtpServer server = bobsServer(Map.of("data.bind-strategy", "retry", "data.retry.backoff", "1s"));
        try {
            // After the first download the port sits in TIME_WAIT: every later transfer waits out the back-off.
            Result r = harness("run", "--port", Integer.toString(server.port()), "--user", "bob", "--password", "pw",
                    "--clients", "4", "--transfers", "100", "--max-duration", "3s", "--quiet", "--verbose",
                    "--report", dir.resolve("rep").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().lines().toList().get(1)).contains("stopped at --max-duration 3.0 s").doesNotContain(" not run");
            // --verbose adds the notes after the table
            assertThat(r.out()).contains("note: run: stopped by --max-duration");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
