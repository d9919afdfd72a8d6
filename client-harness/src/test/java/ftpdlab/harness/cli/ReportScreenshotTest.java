package ftpdlab.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/report-screenshot.sh end to end where Chromium is installed: a compare (small load),
 * its report.html rendered headless at 1366x768 from the file alone. What the picture shows (the
 * verdict and the table above the fold) is for a person to look at; this proves the script works.
 */
class ReportScreenshotTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theScriptRendersTheReportOfACompareAt1366x768() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "no /usr/bin/chromium here (apt-get install -y chromium): the screenshot script is not run");
        Path script = Path.of("..", "scripts", "report-screenshot.sh").toAbsolutePath().normalize();
        Path png = dir.resolve("report.png");
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), png.toString(),
                "--clients", "4", "--transfers", "2", "--backoff", "2ms"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        // the harness from the test class path: the shaded jar is built after the tests
        pb.environment().put("HARNESS", Path.of(System.getProperty("java.home"), "bin", "java") + " -cp "
                + System.getProperty("java.class.path") + " " + HarnessCommand.class.getName());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("report-screenshot.sh did not finish in 180 s");
        }
        String out = Files.readString(dir.resolve("out"));
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("report.html: \\d+ bytes").contains("screenshot: " + png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1366);
        assertThat(image.getHeight()).isEqualTo(768);
        // the page drew something in its top half (the verdict and the table), not a blank or an error page of one colour
        assertThat(distinctColours(image, image.getHeight() / 2)).isGreaterThan(10);
    }

    private static long distinctColours(BufferedImage image, int rows) {
        return IntStream.range(0, rows)
                .flatMap(y -> IntStream.range(0, image.getWidth()).map(x -> image.getRGB(x, y)))
                .distinct().count();
    }
}
