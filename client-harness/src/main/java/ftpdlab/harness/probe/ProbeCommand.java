package ftpdlab.harness.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ftpdlab.harness.model.PortRangeModel;
import ftpdlab.harness.probe.claims.ClaimProbe;
import ftpdlab.harness.probe.claims.ClaimsReport;
import ftpdlab.harness.probe.claims.OtherProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code client-harness probe}: what this kernel does with a second bind to a fixed ip:port. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Measure, on loopback, what a second socket's bind() to a fixed ip:port (and its connect() to the"
                + " same peer) returns, for each state and SO_REUSEADDR/SO_REUSEPORT setting of the first socket.",
            "With --claims: check each claim of the socket FAQ's SO_REUSEADDR/SO_REUSEPORT entry on this kernel, beside"
                + " what FreeBSD and 4.4BSD do per their source.",
            "Exit status: 0, 1 when the probe could not run, 2 for bad usage, 3 when some cells failed their set-up"
                + " twice (they are shown as 'setup failed' and left out of the conclusions)."})
public final class ProbeCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_SETUP_FAILED = 3;
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    // Literals only: a host name would mean a resolver lookup, and the probe must stay on this host.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    @Option(names = "--address", defaultValue = "127.0.0.1",
            description = "Loopback address to probe on: 127.0.0.1 or ::1 (default ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the matrix (or the claims) as JSON to FILE.")
    Path json;

    @Option(names = "--claims", description = "Check the socket FAQ's seven claims instead of printing the matrix.")
    boolean claims;

    /** Where every cell's fresh port comes from; tests replace it to make a set-up fail. */
    PortSource ports = FreePorts.belowEphemeralRange(PortRangeModel.localPortRange()[0]);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress loopback = loopback(address);
        if (loopback == null) {
            err.println("client-harness: --address must be a loopback IP address such as 127.0.0.1 or ::1, not '"
                    + address + "'");
            err.flush();
            return EXIT_USAGE;
        }
        try {
            Instant deadline = Instant.now().plus(TIME_LIMIT);
            Object result;
            int failed;
            if (claims) {
                ClaimsReport report = ClaimsReport.of(KernelProbe.header(), KernelProbe.sysctlNotes(),
                        new ClaimProbe(deadline, ports, new OtherProcess()).run());
                out.print(report.render());
                result = report;
                failed = report.setupFailed().size();
            } else {
                ProbeMatrix matrix = new KernelProbe(loopback, deadline, ports).run();
                out.print(ProbeTable.render(matrix));
                result = matrix;
                failed = matrix.setupFailed().size();
            }
            out.flush();
            if (json != null) {
                Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(result) + "\n");
            }
            if (failed > 0) {
                err.println("client-harness: probe: " + failed + " cell(s) failed their set-up on two fresh ports"
                        + " ('setup failed' above); the conclusions leave them out");
                err.flush();
                return EXIT_SETUP_FAILED;
            }
            return 0;
        } catch (IOException e) {
            err.println("client-harness: probe failed: " + e.getMessage());
            err.flush();
            return EXIT_FAILED;
        }
    }

    /** The address if it is a loopback IP literal, else null. */
    static InetAddress loopback(String text) {
        if (text == null || !IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            return a.isLoopbackAddress() ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
