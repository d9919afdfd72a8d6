package ftpdlab.harness.probe.claims;

import ftpdlab.harness.probe.ProbeMatrix.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Binds the second socket of a cell in another JVM ({@link BindChild}), of this user or, when
 * this process is root, of user nobody through {@code setpriv}. Linux keeps SO_REUSEPORT groups to
 * one effective user, so the two give different answers; where a child cannot be started, the
 * cell is "not run" with the reason.
 */
public final class OtherProcess {

    /** A JVM start on a busy 2-core host takes a few seconds; beyond this the cell is not run. */
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(20);
    private static final String NOBODY = "65534";

    /**
     * @param otherUser run the child as user nobody
     * @param left      the probe's time left: the child gets no more (and at most {@link #CHILD_TIMEOUT})
     * @return OK or the errno the child's bind returned
     * @throws ClaimProbe.NotRunHere when no such child can run here
     */
    public String bind(boolean otherUser, boolean udp, InetSocketAddress at, Options o, Duration left) throws IOException {
        Duration timeout = left.compareTo(CHILD_TIMEOUT) < 0 ? left : CHILD_TIMEOUT;
        List<String> command = new ArrayList<>();
        if (otherUser) {
            if (!isRoot()) {
                throw new ClaimProbe.NotRunHere("needs root to start a process as another user");
            }
            Path setpriv = onPath("setpriv");
            if (setpriv == null) {
                throw new ClaimProbe.NotRunHere("no setpriv on PATH to start a process as another user");
            }
            command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx32m",
                "-cp", otherUser ? classPathForAnyone() : classPath(), BindChild.class.getName(), udp ? "udp" : "tcp", at.getAddress().getHostAddress(),
                Integer.toString(at.getPort()), o.reuseAddress() ? "1" : "0", o.reusePort() ? "1" : "0"));
        Path out = Files.createTempFile("ftpdlab-bindchild", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new ClaimProbe.NotRunHere("the other process did not answer within " + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ClaimProbe.NotRunHere("interrupted");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            if (p.exitValue() != 0 || !(last.equals(ClaimCell.OK) || last.matches("E[A-Z]+"))) {
                throw new ClaimProbe.NotRunHere("the other process could not run: "
                        + (lines.isEmpty() ? "exit " + p.exitValue() : lines.get(0).strip()));
            }
            return last;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Where BindChild's class is: a jar or a class directory; the other user must be able to read it. */
    private static String classPath() throws IOException {
        try {
            return Path.of(BindChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new ClaimProbe.NotRunHere("cannot tell where the harness's classes are: " + e.getMessage());
        }
    }

    private static String readableCopy;

    /**
     * The class path for a child of user nobody, who may not be able to read this one: a checkout
     * under /root, or in a directory made by mktemp, is closed to other users. So the harness's
     * classes (its jar, or its class directory) are copied once per run to a temporary directory
     * anyone can read, removed when this JVM exits.
     */
    private static synchronized String classPathForAnyone() throws IOException {
        if (readableCopy != null) {
            return readableCopy;
        }
        Path from = Path.of(classPath());
        Path dir = Files.createTempDirectory("ftpdlab-bindchild");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Path to = dir.resolve(from.getFileName());
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        readableCopy = to.toString();
        return readableCopy;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind holds only copies of the harness's classes.
        }
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+"))
                    .anyMatch(f -> f.length > 2 && f[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
