package ftpdlab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Not a test: the resident memory of the shipped server ({@code java -jar ftpd/target/ftpd.jar},
 * its own process, the JVM's default heap unless JVM options are given) with N idle anonymous
 * sessions logged in, against the target of 256 MiB at 1,000. Run with
 * {@code scripts/bench-ftpd.sh idle [N] [server JVM options...]}.
 */
public final class IdleSessionsBenchmark {

    private static final Path JAR = Path.of("ftpd", "target", "ftpd.jar");
    /** Below the default limits.max-sessions-per-ip (256), so no per-address limit is raised. */
    private static final int SESSIONS_PER_ADDRESS = 200;
    private static final int DEFAULT_MAX_SESSIONS = 512;
    private static final long TARGET_MIB = 256;
    private static final Duration WHOLE_RUN = Duration.ofMinutes(4);
    private static final Duration STEADY_WITHIN = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        int n = 1000;
        List<String> jvmOptions = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                jvmOptions.add(a);
            } else {
                n = Integer.parseInt(a);
            }
        }
        if (n < 2 || !Files.isRegularFile(JAR)) {
            System.err.println("usage: IdleSessionsBenchmark [N >= 2] [server JVM options...], run from the checkout with "
                    + JAR + " built (scripts/bench-ftpd.sh idle builds it)");
            System.exit(2);
        }
        watchdog(WHOLE_RUN);
        Path dir = Files.createTempDirectory("ftpd-idle-bench");
        try {
            run(n, jvmOptions, dir);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(int n, List<String> jvmOptions, Path dir) throws Exception {
        int addresses = (n + SESSIONS_PER_ADDRESS - 1) / SESSIONS_PER_ADDRESS;
        int port = FtpdProcess.freePortPair();
        Map<String, String> limits = new LinkedHashMap<>();
        if (n > DEFAULT_MAX_SESSIONS) {
            limits.put("limits.max-sessions", Integer.toString(n));
        }
        Path config = dir.resolve("ftpd.properties");
        StringBuilder props = new StringBuilder();
        limits.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, props);
        List<String> serverArgs = List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--data-port",
                Integer.toString(port - 1), "--root", dir.resolve("root").toString(), "--config", config.toString());

        System.out.printf("ftpd with %d idle anonymous sessions, logged in from 127.0.0.2%s (at most %d per address)%n", n,
                addresses > 1 ? "-127.0.0." + (addresses + 1) : "", SESSIONS_PER_ADDRESS);
        System.out.printf("  config file: %s (max-sessions-per-ip 256, prelogin 32 per address left at their "
                + "defaults: logins are one at a time)%n", limits.isEmpty() ? "nothing changed" : limits);
        System.out.printf("  machine: %d cores, %d MiB RAM; %s%n", Runtime.getRuntime().availableProcessors(),
                memTotalKib() / 1024, JvmHeap.describe(List.of()) + "  <- what plain `java -jar` picks here");
        if (!jvmOptions.isEmpty()) {
            System.out.printf("  server JVM options %s: %s%n", jvmOptions, JvmHeap.describe(jvmOptions));
        }

        try (FtpdProcess server = FtpdProcess.start(JAR, jvmOptions, serverArgs, dir.resolve("ftpd.log"),
                Duration.ofSeconds(60))) {
            System.out.printf("  server: %s (pid %d)%n", String.join(" ", server.command()), server.pid());
            FtpdProcess.Rss before = server.steadyRss(STEADY_WITHIN);
            print(server, "after start-up, no session", before);
            List<FTPClient> sessions = new ArrayList<>();
            try {
                long t0 = System.nanoTime();
                login(sessions, n / 2, port);
                FtpdProcess.Rss half = server.steadyRss(STEADY_WITHIN);
                print(server, "with " + n / 2 + " idle sessions", half);
                login(sessions, n, port);
                long loginMs = (System.nanoTime() - t0) / 1_000_000;
                FtpdProcess.Rss full = server.steadyRss(STEADY_WITHIN);
                print(server, "with " + n + " idle sessions", full);
                System.out.printf("  (%d logins took %d ms, measuring included)%n", n, loginMs);
                System.out.printf("  per session: %.1f KiB on average (%d vs 0), %.1f KiB marginal (%d vs %d)%n",
                        (full.kib() - before.kib()) / (double) n, n, (full.kib() - half.kib()) / (double) (n - n / 2), n,
                        n / 2);
                System.out.println("  server heap with " + n + " sessions (jcmd GC.heap_info):");
                System.out.println(JvmHeap.heapInfo(server.pid()).indent(4).stripTrailing());
                System.out.printf("  check: %d of %d sessions answer NOOP with 200 and PWD with 257 (logged in)%n",
                        alive(sessions), n);
                System.out.printf("  target RSS <= %d MiB with 1,000 idle sessions: %s%n", TARGET_MIB, n != 1000
                        ? "not judged (this run had " + n + ")" : full.mib() <= TARGET_MIB ? "met" : "NOT met");
            } finally {
                for (FTPClient c : sessions) {
                    disconnect(c);
                }
            }
            long t0 = System.nanoTime();
            int exit = server.stop(Duration.ofSeconds(20));
            System.out.printf("  server stopped by SIGTERM: exit %d after %d ms%n", exit, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Opens and logs in sessions until there are {@code upTo}, one at a time, reading 220, 331 and 230. */
    private static void login(List<FTPClient> sessions, int upTo, int port) throws IOException {
        InetAddress server = InetAddress.getByName("127.0.0.1");
        while (sessions.size() < upTo) {
            int i = sessions.size();
            InetAddress from = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i / SESSIONS_PER_ADDRESS)});
            FTPClient c = new FTPClient();
            c.setConnectTimeout(5_000);
            c.setDefaultTimeout(10_000);
            c.connect(server, port, from, 0);
            sessions.add(c);
            expect(c, "greeting", c.getReplyCode(), 220);
            expect(c, "USER anonymous", c.user("anonymous"), 331);
            expect(c, "PASS", c.pass("bench@example.org"), 230);
        }
    }

    private static void expect(FTPClient c, String what, int code, int wanted) throws IOException {
        if (code != wanted) {
            throw new IOException("session from " + c.getLocalAddress().getHostAddress() + ": " + what + " got "
                    + c.getReplyString().strip() + ", wanted " + wanted);
        }
    }

    /** Sessions whose NOOP gets 200 and PWD (which needs a login) 257. */
    private static int alive(List<FTPClient> sessions) {
        int ok = 0;
        for (FTPClient c : sessions) {
            try {
                ok += c.noop() == 200 && c.pwd() == 257 ? 1 : 0;
            } catch (IOException e) {
                // Counted as not alive.
            }
        }
        return ok;
    }

    private static void disconnect(FTPClient c) {
        try {
            c.disconnect();
        } catch (IOException ignored) {
            // Closing anyway; the server sees the FIN either way.
        }
    }

    private static void print(FtpdProcess server, String when, FtpdProcess.Rss rss) throws IOException {
        System.out.printf("  RSS %-30s %7.1f MiB  (anon %.1f, file %.1f; %d threads; %s after %.1f s)%n", when, rss.mib(),
                server.status("RssAnon") / 1024.0, server.status("RssFile") / 1024.0, server.status("Threads"),
                rss.steady() ? "steady" : "NOT steady", rss.waitedMs() / 1000.0);
    }

    private static long memTotalKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return 0;
    }

    /** Bounds the whole run: past the deadline the JVM exits, and kills the server it started first. */
    private static void watchdog(Duration limit) {
        new Timer("watchdog", true).schedule(new TimerTask() {
            @Override
            public void run() {
                System.err.println("IdleSessionsBenchmark: not done after " + limit.toMinutes() + " min, giving up");
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                System.exit(3);
            }
        }, limit.toMillis());
    }
}
