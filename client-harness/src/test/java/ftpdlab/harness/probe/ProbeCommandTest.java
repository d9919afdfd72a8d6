package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftpdlab.harness.cli.HarnessCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(90)
class ProbeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int probe(String... args) {
        CommandLine cl = HarnessCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void anAddressOffLoopbackIsOneLineAndExitTwo() {
        assertThat(probe("--address", "10.0.0.1")).isEqualTo(2);

        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("client-harness: ").contains("loopback", "10.0.0.1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aHostNameIsRefusedWithoutALookup() {
        assertThat(probe("--address", "localhost")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
    }

    @Test
    void onlyLoopbackLiteralsAreAccepted() {
        assertThat(ProbeCommand.loopback("127.0.0.1")).isNotNull();
        assertThat(ProbeCommand.loopback("::1")).isNotNull();
        assertThat(ProbeCommand.loopback("0.0.0.0")).isNull();
        assertThat(ProbeCommand.loopback("::")).isNull();
        assertThat(ProbeCommand.loopback("192.168.1.1")).isNull();
        assertThat(ProbeCommand.loopback("example.com")).isNull();
    }

    @Test
    void writesTheTableAndTheJson() throws Exception {
        String os = System.getProperty("os.name");
        Assumptions.assumeTrue(os.toLowerCase(Locale.ROOT).contains("linux"), "runs the real probe on Linux only; this is " + os);
        Path json = dir.resolve("probe.json");

        assertThat(probe("--json", json.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("kernel probe on Linux").contains("for ftpd");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(root.get("cells")).hasSize(64);
        assertThat(root.get("cells").get(0).get("state").asText()).isEqualTo("bound");
        assertThat(root.get("cells").get(0).get("text").asText()).isEqualTo("EADDRINUSE");
    }

    @Test
    void claimsPrintsSevenVerdictsAndWritesThemAsJson() throws Exception {
        String os = System.getProperty("os.name");
        Assumptions.assumeTrue(os.toLowerCase(Locale.ROOT).contains("linux"), "runs the real probe on Linux only; this is " + os);
        Path json = dir.resolve("claims.json");

        assertThat(probe("--claims", "--json", json.toString())).as(err.toString()).isZero();

        for (int n = 1; n <= 7; n++) {
            assertThat(out.toString()).contains("\nClaim " + n + ". ");
        }
        assertThat(out.toString().lines().filter(l -> l.startsWith("  Linux (measured): ")))
                .hasSize(7).allSatisfy(l -> assertThat(l).containsPattern("^  Linux \\(measured\\): (holds|does not hold)"));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("claims")).hasSize(7);
        assertThat(root.get("claims").get(6).get("linux").get("verdict").asText()).isNotEqualTo("not decided");
        assertThat(root.get("cells").get(0).get("result").asText()).isNotBlank();
    }
}
