package ftpdlab.harness.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/peers.sh's argument handling, never the bench itself: the script runs from a copy in a temporary
 * checkout, so a run that got past its arguments could not touch the real one, and the test sees that it didn't.
 */
@Timeout(60)
class PeersScriptTest {

    @TempDir
    Path checkout;

    private Path script;

    record Outcome(int exit, String out, String err) {
    }

    @BeforeEach
    void copyTheScript() throws IOException {
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "needs bash");
        Path original = findUp(Path.of("").toAbsolutePath(), "scripts/peers.sh");
        script = checkout.resolve("scripts/peers.sh");
        Files.createDirectories(script.getParent());
        Files.copy(original, script);
    }

    private static Path findUp(Path from, String relative) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + from);
    }

    private Outcome peers(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", script.toString()));
        cmd.addAll(List.of(args));
        Path out = checkout.resolve("stdout.txt");
        Path err = checkout.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(checkout.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("peers.sh ended").isTrue();
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() throws Exception {
        Outcome o = peers("--help");

        assertThat(o.exit()).isZero();
        assertThat(o.out()).startsWith("Usage: scripts/peers.sh")
                .contains("--rounds", "--clients", "--duration", "--warmup", "--only", "--out", "ceiling", "peers-lab/");
        assertThat(o.err()).isEmpty();
        assertThat(checkout.resolve("peers-lab")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--rounds=0", "--rounds=21", "--rounds=x", "--clients=0", "--clients=32,,64",
            "--clients=1,2,3,4,5", "--clients=1001", "--duration=1s", "--duration=121", "--duration=fast",
            "--warmup=0", "--warmup=121s", "--warmup",
            "--only=ftpd-reuseport,nginx", "--only=", "--out=", "--rounds"})
    void aBadArgumentIsOneLineAndExitTwoBeforeAnythingIsTouched(String arg) throws Exception {
        Outcome o = peers(arg);

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err().lines().toList()).singleElement().asString().startsWith("peers.sh: ").endsWith("(see --help)");
        assertThat(o.out()).isEmpty();
        assertThat(checkout.resolve("peers-lab")).doesNotExist();
    }

    @Test
    void theErrorNamesTheBadValueAndTheChoices() throws Exception {
        Outcome o = peers("--only", "vsftpd,nginx");

        assertThat(o.err()).contains("'nginx'", "ftpd-reuseport", "apache-ftpserver", "ceiling");
    }
}
