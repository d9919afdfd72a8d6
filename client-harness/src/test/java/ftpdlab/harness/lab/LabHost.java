package ftpdlab.harness.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the netns lab needs from this machine: root and working network namespaces. */
final class LabHost {

    /** A command's exit status and its output (stdout and stderr together); exit -1 when it timed out. */
    record Result(int exit, String output) {
    }

    private LabHost() {
    }

    /** Why the lab cannot run here, or empty when it can. */
    static Optional<String> whyNot() {
        if (!isRoot()) {
            return Optional.of("the netns lab needs root (it creates network namespaces); not root here");
        }
        String probe = "ftpdlab-probe-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
        Result add = run(10, "ip", "netns", "add", probe);
        if (add.exit() != 0) {
            return Optional.of("'ip netns add' does not work here: " + add.output().strip());
        }
        Result del = run(10, "ip", "netns", "del", probe);
        if (del.exit() != 0) {
            return Optional.of("'ip netns del' does not work here: " + del.output().strip());
        }
        return Optional.empty();
    }

    /** The effective uid from /proc (Linux); not root anywhere /proc is missing. */
    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+"))
                    .anyMatch(f -> f.length > 2 && f[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The names `ip netns list` shows. */
    static List<String> namespaces() {
        Result r = run(10, "ip", "netns", "list");
        if (r.exit() != 0) {
            throw new AssertionError("ip netns list failed: " + r.output());
        }
        return r.output().lines().map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }

    /** Runs a short command, bounded in time; a command that cannot start counts as exit 127. */
    static Result run(int timeoutSeconds, String... command) {
        try {
            Path out = Files.createTempFile("ftpdlab-lab", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Result(-1, String.join(" ", command) + ": timed out after " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
