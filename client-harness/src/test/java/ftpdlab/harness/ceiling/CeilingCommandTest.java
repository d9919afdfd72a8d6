package ftpdlab.harness.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftpdlab.harness.cli.HarnessCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(60)
class CeilingCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ceiling(String... args) {
        CommandLine cl = HarnessCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "ceiling";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--clients=0", "--clients=1001", "--count=0", "--count=10000001", "--bytes=0",
            "--bytes=65537", "--max-duration=0s", "--max-duration=11m", "--max-duration=soon", "--clients=many",
            "--nope"})
    void badInputIsOneLineAndExitTwo(String arg) {
        assertThat(ceiling(arg)).isEqualTo(2);

        assertThat(err.toString().lines().toList()).singleElement().asString().startsWith("client-harness: ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void printsTheRowAndWritesTheJson() throws Exception {
        Path json = dir.resolve("ceiling.json");

        assertThat(ceiling("--clients", "2", "--count", "50", "--json", json.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("raw loop ceiling: 2 clients connect from 127.0.0.1:")
                .contains("conn/s", "cpu us/conn").doesNotContain("failed:", "note:");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("connections").asLong()).isEqualTo(50);
        assertThat(root.get("failed").asLong()).isZero();
        assertThat(root.get("sourcePorts")).hasSize(1);
        assertThat(root.get("sourcePorts").get(0).asInt()).isEqualTo(root.get("fixedPort").asInt());
        assertThat(root.get("connectionsPerSecond").asDouble()).isPositive();
        assertThat(root.has("cpuMicrosPerConnection")).isTrue();
    }

    @Test
    void theHarnessCommandLineHasTheSubcommand() {
        assertThat(HarnessCommand.commandLine().getSubcommands()).containsKey("ceiling");
        assertThat(ceiling("--help")).isZero();
        assertThat(out.toString()).contains("--clients", "--count", "--max-duration", "--json");
    }
}
