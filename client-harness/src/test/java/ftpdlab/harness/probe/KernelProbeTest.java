package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.probe.ProbeMatrix.Cell;
import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.ProbeMatrix.Options;
import ftpdlab.harness.probe.ProbeMatrix.Status;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real probe on the running kernel: only the cells Linux never varies on are asserted. */
@Timeout(90)
class KernelProbeTest {

    private static ProbeMatrix matrix;

    @BeforeAll
    static void probeOnce() throws Exception {
        String os = System.getProperty("os.name");
        Assumptions.assumeTrue(os.toLowerCase(Locale.ROOT).contains("linux"),
                "the asserted cells are Linux's bind rules; this is " + os);
        matrix = new KernelProbe(InetAddress.getByName("127.0.0.1"), Instant.now().plus(Duration.ofSeconds(60))).run();
    }

    @Test
    void everyCellIsMeasured() {
        assertThat(matrix.cells()).hasSize(FirstState.values().length * Options.values().length * Options.values().length);
        assertThat(matrix.cells()).allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(Status.MEASURED));
    }

    @Test
    void noOptionsOnEitherSocketCollidesWhateverTheFirstSocketDoes() {
        for (FirstState state : FirstState.values()) {
            assertThat(matrix.cell(state, Options.NONE, Options.NONE).bind()).as(state.label()).isEqualTo("EADDRINUSE");
        }
    }

    @Test
    void soReusePortOnBothAlwaysShares() {
        for (FirstState state : FirstState.values()) {
            for (Options first : Options.values()) {
                for (Options second : Options.values()) {
                    if (first.reusePort() && second.reusePort()) {
                        Cell c = matrix.cell(state, first, second);
                        assertThat(c.bindOk()).as(c.toString()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aListeningFirstSocketCollidesUnlessBothSetSoReusePort() {
        for (Options first : Options.values()) {
            for (Options second : Options.values()) {
                if (!(first.reusePort() && second.reusePort())) {
                    Cell c = matrix.cell(FirstState.LISTENING, first, second);
                    assertThat(c.bind()).as(c.toString()).isEqualTo("EADDRINUSE");
                }
            }
        }
    }

    @Test
    void aSecondConnectIsTriedOnlyWhereTheFirstSocketHasAPeer() {
        for (Cell c : matrix.cells()) {
            assertThat(c.connect() != null).as(c.toString()).isEqualTo(c.bindOk() && c.state().hasPeer());
        }
    }
}
