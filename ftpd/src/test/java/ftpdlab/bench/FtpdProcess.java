package ftpdlab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped server as its own process, started the way a user starts it ({@code java -jar
 * ftpd.jar ...}), for benchmarks that measure the process itself (its RSS) rather than an ftpd
 * sharing a JVM with the load. Output goes to a log file, read only to see that it is listening.
 */
final class FtpdProcess implements AutoCloseable {

    /** One steady-or-not reading of the resident set. */
    record Rss(long kib, boolean steady, long waitedMs) {
        double mib() {
            return kib / 1024.0;
        }
    }

    private final Process process;
    private final Path log;
    private final List<String> command;

    private FtpdProcess(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = command;
    }

    /** The java that runs this benchmark: the same JDK serves and measures. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> <args>} and waits (bounded) for the server's
     * "listening on" log line.
     */
    static FtpdProcess start(Path jar, List<String> jvmOptions, List<String> args, Path log, Duration readyWithin)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        FtpdProcess server = new FtpdProcess(p, log, cmd);
        long deadline = System.nanoTime() + readyWithin.toNanos();
        while (!server.logText().contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("ftpd did not start listening within " + readyWithin.toSeconds() + " s (exit "
                        + (p.isAlive() ? "none" : p.exitValue()) + "):\n" + server.logText());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return server;
    }

    /** A control port P whose P-1 is free too (the server's default active data port). */
    static int freePortPair() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 50; i++) {
            try (ServerSocket control = new ServerSocket(0, 1, lo)) {
                int p = control.getLocalPort();
                try (ServerSocket data = new ServerSocket()) {
                    data.bind(new InetSocketAddress(lo, p - 1));
                    return p;
                } catch (IOException taken) {
                    // P-1 is in use: try another P.
                }
            }
        }
        throw new IOException("no free port pair P, P-1 on loopback after 50 tries");
    }

    long pid() {
        return process.pid();
    }

    List<String> command() {
        return command;
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** A field of /proc/PID/status as a number: KiB for VmRSS, RssAnon, RssFile; a count for Threads. */
    long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid() + "/status");
    }

    /**
     * Polls VmRSS every 200 ms until the last 2 s of samples lie within 1 % (at least 256 KiB) of each
     * other, or {@code within} has passed; then the last sample, and whether it had settled.
     */
    Rss steadyRss(Duration within) throws IOException, InterruptedException {
        int window = 10;
        long t0 = System.nanoTime();
        List<Long> samples = new ArrayList<>();
        while (true) {
            samples.add(status("VmRSS"));
            long waited = (System.nanoTime() - t0) / 1_000_000;
            if (samples.size() >= window) {
                List<Long> last = samples.subList(samples.size() - window, samples.size());
                long max = last.stream().mapToLong(Long::longValue).max().orElseThrow();
                long min = last.stream().mapToLong(Long::longValue).min().orElseThrow();
                if (max - min <= Math.max(256, max / 100)) {
                    return new Rss(samples.get(samples.size() - 1), true, waited);
                }
            }
            if (waited > within.toMillis()) {
                return new Rss(samples.get(samples.size() - 1), false, waited);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** SIGTERM (what Ctrl-C and systemd send), then the exit status, or -1 if it had to be killed. */
    int stop(Duration within) throws InterruptedException {
        process.destroy();
        if (process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
