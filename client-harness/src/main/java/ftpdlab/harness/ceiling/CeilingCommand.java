package ftpdlab.harness.ceiling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ftpdlab.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code client-harness ceiling}: the kernel's own cost per fixed-port connection, the limit any server's rate is read against. */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
        description = {"The raw loop, no FTP: connect from one fixed SO_REUSEPORT port on 127.0.0.1 to a loopback"
                + " listener, write a payload, close; N connections over C concurrent clients. Prints connections/s"
                + " and this process's CPU microseconds per connection (both ends)."})
public final class CeilingCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int MAX_CLIENTS = 1000;
    static final long MAX_COUNT = 10_000_000;
    static final int MAX_BYTES = RawLoopCeiling.MAX_PAYLOAD_BYTES;
    static final Duration MAX_DURATION = Duration.ofMinutes(10);

    @Option(names = "--clients", defaultValue = "32",
            description = "Concurrent clients, each with its own listener (1-" + MAX_CLIENTS + ", default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--count", defaultValue = "20000",
            description = "Connections in all (1-" + MAX_COUNT + ", default ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--bytes", defaultValue = "1024",
            description = "Bytes written on each connection (1-" + MAX_BYTES + ", default ${DEFAULT-VALUE}).")
    int bytes;

    @Option(names = "--max-duration", defaultValue = "30s",
            description = "Stop after this long, finished or not, e.g. 500ms, 30s, 2m (at most 10m; default ${DEFAULT-VALUE}).")
    String maxDuration;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String bad = check();
        Duration limit = bad == null ? duration(maxDuration) : null;
        if (bad == null && limit == null) {
            bad = "--max-duration must be from 1ms to 10m, " + Durations.FORMS + ", not '" + maxDuration + "'";
        }
        if (bad != null) {
            return fail(EXIT_USAGE, bad);
        }
        try {
            CeilingResult r = new RawLoopCeiling(InetAddress.getLoopbackAddress(), clients, count, bytes, limit).run();
            out.print(render(r));
            out.flush();
            if (json != null) {
                Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(r) + "\n");
            }
            if (r.connections() == 0) {
                return fail(EXIT_FAILED, "no connection completed: " + r.failures().keySet());
            }
            return 0;
        } catch (IOException e) {
            return fail(EXIT_FAILED, "ceiling failed: " + e.getMessage());
        }
    }

    private String check() {
        if (clients < 1 || clients > MAX_CLIENTS) {
            return "--clients must be 1-" + MAX_CLIENTS + ", not " + clients;
        }
        if (count < 1 || count > MAX_COUNT) {
            return "--count must be 1-" + MAX_COUNT + ", not " + count;
        }
        if (bytes < 1 || bytes > MAX_BYTES) {
            return "--bytes must be 1-" + MAX_BYTES + ", not " + bytes;
        }
        return null;
    }

    /** The duration if it parses and lies in (0, 10m], else null. */
    static Duration duration(String text) {
        try {
            return Durations.parse(text, Duration.ofMillis(1), MAX_DURATION);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String render(CeilingResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "raw loop ceiling: %d clients connect from %s:%d (SO_REUSEPORT), write %d bytes, close%n",
                r.clients(), r.address(), r.fixedPort(), r.payloadBytes()));
        s.append(String.format(Locale.ROOT, "%11s  %8s  %6s  %8s  %9s  %22s%n",
                "connections", "read", "failed", "seconds", "conn/s", "cpu us/conn (both ends)"));
        s.append(String.format(Locale.ROOT, "%11d  %8d  %6d  %8.2f  %9.0f  %22.0f%n", r.connections(), r.received(),
                r.failed(), r.durationMs() / 1000.0, r.connectionsPerSecond(), r.cpuMicrosPerConnection()));
        r.failures().forEach((cause, n) -> s.append("  failed: ").append(n).append(" x ").append(cause).append('\n'));
        if (r.sourcePorts().size() != 1 || r.sourcePorts().get(0) != r.fixedPort()) {
            s.append("  note: source ports seen by the listeners: ").append(r.sourcePorts()).append('\n');
        }
        if (r.stoppedByDeadline()) {
            s.append("  note: stopped by --max-duration before every connection was tried\n");
        }
        return s.toString();
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("client-harness: " + message);
        err.flush();
        return code;
    }
}
