package ftpdlab.harness.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counts sockets with iproute2's {@code ss}, which asks the kernel over sock_diag netlink and lets
 * the kernel filter by state and port: with 100k TIME_WAIT sockets elsewhere on the host a
 * reading of one port still returns only that port's few lines.
 */
public final class SsCommand implements SocketCounter {

    public static final String NAME = "ss";

    /** A sample that takes longer than this is abandoned: a gap in the chart, never a stuck sampler. */
    private static final long TIMEOUT_MS = 5_000;

    private final String executable;

    public SsCommand() {
        this("ss");
    }

    SsCommand(String executable) {
        this.executable = executable;
    }

    /** Whether {@code ss} is installed and answers a filtered query (it does not in some sandboxes). */
    static boolean works() {
        try {
            new SsCommand().sample(1, 0);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public SocketSample sample(int localPort, long tMs) {
        int[] counts = new int[2];
        try {
            Process p = new ProcessBuilder(command(localPort)).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(NAME + " did not finish in " + TIMEOUT_MS + " ms");
            }
            if (p.exitValue() != 0) {
                throw new IOException(NAME + " exited " + p.exitValue() + ": " + String.join(" ", lines));
            }
            count(lines, counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while waiting for " + NAME));
        }
        return new SocketSample(tMs, counts[0], counts[1]);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code ss -tanH state established state time-wait '( sport = :P )'}: two states, so the
     * state column is printed (with one state ss leaves it out); no port filter for ALL_PORTS.
     */
    List<String> command(int localPort) {
        List<String> cmd = new ArrayList<>(List.of(executable, "-tanH", "state", "established", "state", "time-wait"));
        if (localPort != ALL_PORTS) {
            cmd.addAll(List.of("(", "sport", "=", ":" + localPort, ")"));
        }
        return cmd;
    }

    /** Lines like {@code "ESTAB 0 0 127.0.0.1:2120 127.0.0.1:40001"} or {@code "TIME-WAIT 0 0 ..."}. */
    static void count(List<String> lines, int[] counts) {
        for (String line : lines) {
            String state = line.strip();
            if (state.startsWith("ESTAB")) {
                counts[0]++;
            } else if (state.startsWith("TIME-WAIT")) {
                counts[1]++;
            }
        }
    }
}
