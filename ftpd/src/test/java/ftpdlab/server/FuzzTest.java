package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded, seeded fuzz of the control connection: random verbs and arguments with control
 * characters, Telnet sequences (IAC IP, IAC DM, urgent data) and invalid UTF-8. Every reply must
 * carry a valid code, no session may hang (each line is followed by a NOOP that must be answered,
 * unless the server closed the session), nothing beside the root may change, and afterwards a
 * clean client is served as usual. Same seed, same lines.
 */
@ExtendWith(NoLeaksExtension.class)
class FuzzTest {

    private static final long SEED = 20_250_707L;
    private static final int WORKERS = 4;
    private static final int LINES_PER_WORKER = 5_000;

    private static final String[] VERBS = {"USER", "PASS", "ACCT", "CWD", "CDUP", "SMNT", "QUIT", "REIN", "PORT", "PASV",
        "TYPE", "STRU", "MODE", "RETR", "STOR", "STOU", "APPE", "ALLO", "REST", "RNFR", "RNTO", "ABOR", "DELE", "RMD",
        "MKD", "PWD", "LIST", "NLST", "SITE", "SYST", "STAT", "HELP", "NOOP", "FEAT", "OPTS", "EPRT", "EPSV", "MDTM",
        "SIZE", "MLST", "MLSD", "XPWD", "XMKD", "XRMD", "XCUP", "XCWD", "FOO", "", " ", "retr", "\u00e9T\u00e9"};
    private static final byte[][] NASTY = {
        {(byte) 0xFF, (byte) 0xF4}, {(byte) 0xFF, (byte) 0xF2}, {(byte) 0xFF, (byte) 0xFF}, {(byte) 0xFF},
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {0}, {0x1b, '[', '2', 'J'}, {'\r'}, {'\n'}, {0x7f}, {(byte) 0xC2, (byte) 0x85}, {0x08}, {'\t'}};

    @Test
    void randomHostileLinesNeverHangCrashOrEscape() throws Exception {
        try (TestServer ts = new TestServer().with("limits.login.failure-delay", "0ms")
                .with("limits.login.ban-after", "100000").with("limits.data-timeout", "1s").start()) {
            ts.write("pub/hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
            Path canary = ts.root().resolveSibling(ts.root().getFileName() + "-canary");
            Files.createDirectories(canary);
            Files.writeString(canary.resolve("secret.txt"), "do not touch\n");
            try {
                Map<String, String> before = snapshot(canary);
                String canaryName = canary.getFileName().toString();
                long start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
                List<Future<int[]>> results = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    Random random = new Random(SEED + w);
                    results.add(pool.submit(() -> {
                        java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
                        try {
                            return fuzz(ts, random, canaryName, recent);
                        } catch (IOException | AssertionError e) {
                            throw new AssertionError("after " + recent, e);
                        }
                    }));
                }
                int lines = 0;
                int sessions = 0;
                int replies = 0;
                for (Future<int[]> f : results) {
                    int[] r = f.get(60, TimeUnit.SECONDS);
                    lines += r[0];
                    sessions += r[1];
                    replies += r[2];
                }
                pool.shutdownNow();
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("fuzz: %d lines, %d sessions, %d replies in %d ms (seed %d)%n", lines, sessions, replies, ms, SEED);
                assertThat(lines).isGreaterThanOrEqualTo(20_000);

                assertThat(snapshot(canary)).as("the directory beside the root").isEqualTo(before);
                // The fuzzers may have renamed or deleted anything in the root; a fresh file must be served.
                ts.write("after-fuzz/check.txt", "served\n".getBytes(StandardCharsets.UTF_8));
                FTPClient clean = ts.client(true);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(clean.retrieveFile("/after-fuzz/check.txt", out)).as(clean.getReplyString()).isTrue();
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("served\n");
                clean.disconnect();
            } finally {
                try (Stream<Path> walk = Files.walk(canary)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** One worker's share: returns lines sent, sessions used, replies read. */
    private static int[] fuzz(TestServer ts, Random random, String canaryName, java.util.ArrayDeque<String> recent)
            throws IOException {
        int lines = 0;
        int sessions = 0;
        int replies = 0;
        while (lines < LINES_PER_WORKER) {
            sessions++;
            try (WireClient c = WireClient.connect(ts)) {
                c.expect(220);
                if (random.nextInt(4) > 0) {
                    if (random.nextBoolean()) {
                        c.loginAs(TestServer.USER, TestServer.PASSWORD);
                    } else {
                        c.loginAs("anonymous", "guest@example.com");
                    }
                }
                boolean open = true;
                while (open && lines < LINES_PER_WORKER) {
                    byte[] line = line(random, canaryName);
                    boolean urgent = random.nextInt(50) == 0;
                    lines++;
                    recent.add(java.util.HexFormat.of().formatHex(line) + (urgent ? " +URG" : ""));
                    while (recent.size() > 6) {
                        recent.poll();
                    }
                    try {
                        c.sendRaw(line);
                        if (urgent) {
                            // Telnet synch as clients send it: IAC as urgent data, then DM.
                            c.sendUrgent(0xFF);
                            c.sendRaw(new byte[] {(byte) 0xF2});
                        }
                        c.send("NOOP");
                    } catch (java.net.SocketException closedByServer) {
                        // An earlier line ended the session (QUIT inside a line, 421): it answered and closed.
                        open = false;
                        break;
                    }
                    // Everything up to the NOOP's answer; a close by the server ends the session.
                    while (true) {
                        WireClient.Reply r = c.replyOrEof();
                        if (r == null) {
                            open = false;
                            break;
                        }
                        replies++;
                        recent.add("<- " + r.lines().get(0));
                        assertThat(r.code()).as("reply %s", r).isBetween(100, 599);
                        if (r.code() == 421 || r.code() == 221) {
                            open = false;
                            break;
                        }
                        if (r.code() == 200 && r.text().contains("NOOP ok")) {
                            break;
                        }
                    }
                }
                if (open) {
                    // No hung session: the last NOOP of the session answers, with 200 or, when it is one
                    // command too many before login (a REIN or USER in the mix logs out), a 421 and a close.
                    WireClient.Reply last = c.command("NOOP");
                    assertThat(last).as("the session's last NOOP").isNotNull();
                    assertThat(last.code()).as("reply %s", last).isIn(200, 421);
                    if (last.code() == 421) {
                        await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
                    }
                    replies++;
                }
            }
        }
        return new int[] {lines, sessions, replies};
    }

    private static byte[] line(Random r, String canaryName) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String verb = VERBS[r.nextInt(VERBS.length)];
        b.writeBytes(verb.getBytes(StandardCharsets.UTF_8));
        if (r.nextInt(5) > 0) {
            b.write(' ');
            b.writeBytes(argument(r, canaryName).getBytes(StandardCharsets.UTF_8));
        }
        int nasty = r.nextInt(4);
        for (int i = 0; i < nasty; i++) {
            byte[] n = NASTY[r.nextInt(NASTY.length)];
            byte[] all = b.toByteArray();
            int at = r.nextInt(all.length + 1);
            b.reset();
            b.write(all, 0, at);
            b.writeBytes(n);
            b.write(all, at, all.length - at);
        }
        b.writeBytes(r.nextInt(10) == 0 ? new byte[] {'\n'} : new byte[] {'\r', '\n'});
        return b.toByteArray();
    }

    private static String argument(Random r, String canaryName) {
        return switch (r.nextInt(14)) {
            case 0 -> "../" + canaryName + "/secret.txt";
            case 1 -> "/../../" + canaryName;
            case 2 -> "../../../../etc/passwd";
            case 3 -> "A".repeat(r.nextInt(5_000));
            case 4 -> "127,0,0,1," + r.nextInt(300) + "," + r.nextInt(300) + (r.nextBoolean() ? "," : "");
            case 5 -> "|" + r.nextInt(4) + "|127.0.0." + r.nextInt(3) + "|" + r.nextInt(70_000) + "|";
            case 6 -> "pub/hello.txt";
            case 7 -> "f" + r.nextInt(20) + (r.nextBoolean() ? "/" : " ") + "x";
            case 8 -> Integer.toString(r.nextInt());
            case 9 -> "STATS" + (r.nextBoolean() ? " RESET" : "");
            case 10 -> "%s%n%x" + "\u202e\u0000";
            case 11 -> "A I L 8 E";
            case 12 -> {
                StringBuilder s = new StringBuilder();
                for (int i = r.nextInt(40); i > 0; i--) {
                    s.append((char) r.nextInt(0x3000));
                }
                yield s.toString();
            }
            default -> "";
        };
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                m.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "<dir>");
            }
        }
        return m;
    }
}
