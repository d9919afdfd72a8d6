package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.cli.HarnessCommand;
import ftpdlab.harness.probe.ProbeMatrix.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * A cell whose first socket cannot get its port (a listener without options holds it) is tried on
 * a second port, reported "setup failed", left out of the conclusions, and makes the exit non-zero.
 */
@Timeout(60)
class ProbeSetupFailureTest {

    @Test
    void everyCellOnATakenPortIsTriedTwiceAndReportedAsSetupFailed() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket holder = new ServerSocket()) {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(loopback, 0));
            List<Integer> asked = new ArrayList<>();
            PortSource taken = a -> {
                asked.add(holder.getLocalPort());
                return holder.getLocalPort();
            };

            ProbeMatrix m = new KernelProbe(loopback, Instant.now().plus(Duration.ofSeconds(30)), taken).run();

            assertThat(m.cells()).allSatisfy(c -> {
                assertThat(c.status()).isEqualTo(Status.SETUP_FAILED);
                assertThat(c.text()).startsWith("setup failed twice: first socket: EADDRINUSE");
            });
            assertThat(asked).as("two fresh ports asked per cell").hasSize(2 * m.cells().size());
            assertThat(m.setupFailed()).hasSameSizeAs(m.cells());
            assertThat(ProbeTable.facts(m).subList(0, 3))
                    .allSatisfy(f -> assertThat(f).contains("not measured").doesNotContain("EADDRINUSE"));
        }
    }

    @Test
    void theCommandSaysSoAndExitsThree() throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            CommandLine cl = HarnessCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            ProbeCommand probe = cl.getSubcommands().get("probe").getCommand();
            probe.ports = a -> holder.getLocalPort();

            int exit = cl.execute("probe");

            assertThat(exit).isEqualTo(ProbeCommand.EXIT_SETUP_FAILED);
            assertThat(out.toString()).contains("warning: 64 of 64 cells failed their set-up", "setup failed twice");
            assertThat(err.toString().lines().toList()).singleElement().asString()
                    .startsWith("client-harness: probe: 64 cell(s) failed their set-up");
        }
    }
}
