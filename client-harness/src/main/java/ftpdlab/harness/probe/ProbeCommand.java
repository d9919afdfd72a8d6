package ftpdlab.harness.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
                + " same peer) returns, for each state and SO_REUSEADDR/SO_REUSEPORT setting of the first socket."})
public final class ProbeCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    // Literals only: a host name would mean a resolver lookup, and the probe must stay on this host.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    @Option(names = "--address", defaultValue = "127.0.0.1",
            description = "Loopback address to probe on: 127.0.0.1 or ::1 (default ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the matrix as JSON to FILE.")
    Path json;

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
            ProbeMatrix matrix = new KernelProbe(loopback, Instant.now().plus(TIME_LIMIT)).run();
            out.print(ProbeTable.render(matrix));
            out.flush();
            if (json != null) {
                Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(matrix) + "\n");
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
