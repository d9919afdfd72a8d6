package ftpdlab.data;

import static ftpdlab.data.DataTestSupport.randomBytes;
import static ftpdlab.data.DataTestSupport.sha256;
import static ftpdlab.data.DataTestSupport.tempFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real FTP clients (curl, python3 ftplib, lftp) run as processes against the server, active and
 * passive, over IPv4 and IPv6 loopback. A missing client skips its tests.
 */
@ExtendWith(NoLeaksExtension.class)
class RealClientsTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** How the client makes its data connection, and over which address family. */
    record Mode(boolean passive, boolean ipv6) {
        @Override
        public String toString() {
            return (passive ? "passive" : "active") + "/" + (ipv6 ? "IPv6 ::1" : "IPv4 127.0.0.1");
        }

        String urlHost() {
            return ipv6 ? "[::1]" : "127.0.0.1";
        }

        String address() {
            return ipv6 ? "::1" : "127.0.0.1";
        }
    }

    private static TestServer v4;
    private static TestServer v6;
    private static final AtomicInteger dirs = new AtomicInteger();

    @TempDir
    Path local;

    static Stream<Mode> modes() {
        return Stream.of(new Mode(false, false), new Mode(true, false), new Mode(false, true), new Mode(true, true));
    }

    @BeforeAll
    static void startServers() {
        v4 = new TestServer().start();
        if (DataTestSupport.ipv6LoopbackAvailable()) {
            v6 = new TestServer().ipv6().start();
        }
    }

    @AfterAll
    static void stopServers() {
        try {
            for (TestServer ts : new TestServer[] {v4, v6}) {
                if (ts != null) {
                    assertThat(ts.stat("transfers.failed")).as("transfers.failed on %s", ts.host()).isZero();
                }
            }
        } finally {
            if (v4 != null) {
                v4.close();
            }
            if (v6 != null) {
                v6.close();
            }
        }
    }

    private static TestServer server(Mode m) {
        if (m.ipv6()) {
            assumeTrue(v6 != null, "IPv6 loopback ::1 is not available on this machine");
            return v6;
        }
        return v4;
    }

    private static void require(String program) {
        assumeTrue(ExternalClient.onPath(program), program + " is not installed (not on PATH); skipping this real-client test");
    }

    private static String freshDir(TestServer ts) throws IOException {
        String d = "c" + dirs.incrementAndGet();
        Files.createDirectories(ts.file(d));
        return d;
    }

    private String url(TestServer ts, Mode m, String path) {
        return "ftp://" + m.urlHost() + ":" + ts.port() + "/" + path;
    }

    // --- curl

    private List<String> curl(Mode m, String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "-g", "--max-time", "20"));
        if (!m.passive()) {
            cmd.add("--ftp-port");
            cmd.add(m.address());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void curlDownloads(Mode m) throws Exception {
        require("curl");
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(700_000, 100);
        ts.write(dir + "/download.bin", content);
        Path out = local.resolve("out.bin");
        long bindsBefore = ts.stat("bind.attempts");

        ExternalClient.Result r = ExternalClient.run(local, LIMIT,
                curl(m, "--user", TestServer.USER + ":" + TestServer.PASSWORD, "-o", out.toString(),
                        url(ts, m, dir + "/download.bin")));

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(sha256(out)).isEqualTo(sha256(content));
        if (!m.passive()) {
            // An active download comes from the fixed data port, through the bind strategy.
            assertThat(ts.stat("bind.attempts")).as("bind.attempts").isGreaterThan(bindsBefore);
        }
    }

    /** PASV and PORT carry IPv4 addresses only (RFC 959); IPv6 needs EPSV/EPRT, covered by the other tests. */
    static Stream<Mode> ipv4Modes() {
        return modes().filter(m -> !m.ipv6());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv4Modes")
    void curlDownloadsAnonymouslyOverPasvAndPort(Mode m) throws Exception {
        require("curl");
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(300_000, 101);
        ts.write(dir + "/download.bin", content);
        Path out = local.resolve("out.bin");

        // Without EPSV/EPRT curl falls back to the RFC 959 commands.
        ExternalClient.Result r = ExternalClient.run(local, LIMIT,
                curl(m, m.passive() ? "--disable-epsv" : "--disable-eprt", "-o", out.toString(),
                        url(ts, m, dir + "/download.bin")));

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(sha256(out)).isEqualTo(sha256(content));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void curlUploads(Mode m) throws Exception {
        require("curl");
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(600_000, 102);
        Path in = Files.write(local.resolve("in.bin"), content);
        long bindsBefore = ts.stat("bind.attempts");

        ExternalClient.Result r = ExternalClient.run(local, LIMIT,
                curl(m, "--user", TestServer.USER + ":" + TestServer.PASSWORD, "-T", in.toString(),
                        url(ts, m, dir + "/upload.bin")));

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(sha256(ts.file(dir + "/upload.bin"))).isEqualTo(sha256(content));
        assertThat(tempFiles(ts.file(dir))).isEmpty();
        assertThat(ts.stat("bind.attempts")).as("bind.attempts: active uses the fixed data port, passive never binds it")
                .isEqualTo(m.passive() ? bindsBefore : bindsBefore + 1);
    }

    // --- python3 ftplib

    private static final String FTPLIB_SCRIPT = String.join("\n",
            "import ftplib, hashlib, io, json, socket, sys",
            "host, port, mode, upload_path, remote_dir = sys.argv[1:6]",
            "ftp = ftplib.FTP()",
            "ftp.connect(host, int(port), timeout=10)",
            "ftp.login('" + TestServer.USER + "', '" + TestServer.PASSWORD + "')",
            "ftp.set_pasv(mode == 'passive')",
            "ftp.cwd(remote_dir)",
            "lines = []",
            "ftp.retrlines('LIST', lines.append)",
            "mlsd = dict(ftp.mlsd())",
            "buf = io.BytesIO()",
            "ftp.retrbinary('RETR download.bin', buf.write)",
            "with open(upload_path, 'rb') as f:",
            "    data = f.read()",
            "ftp.storbinary('STOR upload.bin', io.BytesIO(data))",
            "ftp.quit()",
            "d = mlsd.get('download.bin', {})",
            "print(json.dumps({",
            "    'family': 'ipv6' if ftp.af == socket.AF_INET6 else 'ipv4',",
            "    'list': '\\n'.join(lines),",
            "    'mlsd_names': ','.join(sorted(mlsd)),",
            "    'mlsd_type': d.get('type', ''),",
            "    'mlsd_size': d.get('size', ''),",
            "    'mlsd_modify': d.get('modify', ''),",
            "    'retr_sha256': hashlib.sha256(buf.getvalue()).hexdigest(),",
            "    'stor_sha256': hashlib.sha256(data).hexdigest(),",
            "}))",
            "");

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void pythonFtplib(Mode m) throws Exception {
        require("python3");
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] download = randomBytes(256 * 1024, 103);
        ts.write(dir + "/download.bin", download);
        byte[] upload = randomBytes(256 * 1024, 104);
        Path in = Files.write(local.resolve("in.bin"), upload);
        Path script = Files.writeString(local.resolve("client.py"), FTPLIB_SCRIPT, StandardCharsets.UTF_8);
        long bindsBefore = ts.stat("bind.attempts");

        ExternalClient.Result r = ExternalClient.run(local, LIMIT, List.of("python3", script.toString(),
                m.address(), Integer.toString(ts.port()), m.passive() ? "passive" : "active", in.toString(), dir));

        assertThat(r.exit()).as(r.describe()).isZero();
        Map<String, String> json = flatJson(r.stdout().trim());
        assertThat(json).as(r.describe()).containsEntry("family", m.ipv6() ? "ipv6" : "ipv4");
        assertThat(json.get("retr_sha256")).as("RETR seen by ftplib").isEqualTo(sha256(download));
        assertThat(json.get("stor_sha256")).as("what ftplib sent").isEqualTo(sha256(upload));
        assertThat(sha256(ts.file(dir + "/upload.bin"))).as("what arrived on disk").isEqualTo(sha256(upload));
        assertThat(json.get("list").lines()).anySatisfy(l -> assertThat(l).matches("-.* 262144 .* download\\.bin"));
        // The listing was taken before STOR: only the file that existed then.
        assertThat(json).containsEntry("mlsd_names", "download.bin")
                .containsEntry("mlsd_type", "file")
                .containsEntry("mlsd_size", "262144");
        assertThat(json.get("mlsd_modify")).matches("\\d{14}(\\.\\d+)?");
        // LIST, MLSD, RETR, STOR: four data connections, from the fixed data port when active.
        assertThat(ts.stat("bind.attempts") - bindsBefore).isEqualTo(m.passive() ? 0 : 4);
    }

    /** A flat JSON object whose values are all strings (what the script prints) to a map. */
    private static Map<String, String> flatJson(String text) {
        assertThat(text).startsWith("{").endsWith("}");
        Map<String, String> m = new HashMap<>();
        Matcher mt = Pattern.compile("\"(\\w+)\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        while (mt.find()) {
            m.put(mt.group(1), unescape(mt.group(2)));
        }
        return m;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    // --- lftp

    /**
     * lftp 4.9 does not bind its active-mode data socket on a loopback control connection
     * ("ftp:bind-data-socket ... exception is the loopback interface") and then announces the
     * unspecified address: {@code EPRT |2|::|port|}. The server rightly refuses an address that is
     * not the client's (RFC 2577), and lftp has no ftp:port-ipv6 to override it, so active IPv6
     * cannot work with lftp over ::1. (On IPv4 lftp announces the control connection's address.)
     */
    static Stream<Mode> lftpModes() {
        return modes().filter(m -> m.passive() || !m.ipv6());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lftpModes")
    void lftp(Mode m) throws Exception {
        require("lftp");
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] download = randomBytes(500_000, 105);
        ts.write(dir + "/download.bin", download);
        byte[] upload = randomBytes(400_000, 106);
        Path in = Files.write(local.resolve("in.bin"), upload);
        Path out = local.resolve("out.bin");
        long bindsBefore = ts.stat("bind.attempts");

        String script = String.join("; ",
                "set ftp:passive-mode " + (m.passive() ? "on" : "off"),
                "set ftp:ssl-allow no",
                "set net:max-retries 1",
                "set net:timeout 10",
                "set net:reconnect-interval-base 1",
                "set cmd:fail-exit yes",
                "open -u " + TestServer.USER + "," + TestServer.PASSWORD + " ftp://" + m.urlHost() + ":" + ts.port(),
                "cd " + dir,
                "get download.bin -o " + out,
                "put " + in + " -o upload.bin");
        ExternalClient.Result r = ExternalClient.run(local, LIMIT, List.of("lftp", "-c", script));

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(sha256(out)).as("lftp get").isEqualTo(sha256(download));
        assertThat(sha256(ts.file(dir + "/upload.bin"))).as("lftp put").isEqualTo(sha256(upload));
        assertThat(tempFiles(ts.file(dir))).isEmpty();
        if (!m.passive()) {
            assertThat(ts.stat("bind.attempts")).as("bind.attempts").isGreaterThanOrEqualTo(bindsBefore + 2);
        }
    }
}
