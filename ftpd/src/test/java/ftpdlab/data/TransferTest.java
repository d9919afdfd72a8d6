package ftpdlab.data;

import static ftpdlab.data.DataTestSupport.quit;
import static ftpdlab.data.DataTestSupport.randomBytes;
import static ftpdlab.data.DataTestSupport.sha256;
import static ftpdlab.data.DataTestSupport.tempFiles;
import static ftpdlab.data.DataTestSupport.utf8Client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transfer command against a real server over real sockets, in active and passive mode,
 * over IPv4 and IPv6 loopback (commons-net switches to EPRT/EPSV by itself on IPv6).
 */
@ExtendWith(NoLeaksExtension.class)
class TransferTest {

    /** How the data connection is made, and over which address family. */
    record Mode(boolean passive, boolean ipv6) {
        @Override
        public String toString() {
            return (passive ? "passive" : "active") + "/" + (ipv6 ? "IPv6 ::1" : "IPv4 127.0.0.1");
        }
    }

    private static final DateTimeFormatter MLSX_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern PASV_227 =
            Pattern.compile("^227 .*\\((\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})\\)\\.?\\s*$");
    private static final Pattern EPSV_229 = Pattern.compile("^229 .*\\(\\|\\|\\|(\\d{1,5})\\|\\)\\.?\\s*$");

    private static TestServer v4;
    private static TestServer v6;
    private static final AtomicInteger dirs = new AtomicInteger();
    /** Transfer failures the tests provoke on purpose (each must show in transfers.failed, and nothing else). */
    private static final Map<TestServer, AtomicInteger> provokedFailures = new HashMap<>();

    static Stream<Mode> modes() {
        return Stream.of(new Mode(false, false), new Mode(true, false), new Mode(false, true), new Mode(true, true));
    }

    static Stream<Boolean> families() {
        return Stream.of(false, true);
    }

    @BeforeAll
    static void startServers() {
        v4 = new TestServer().start();
        provokedFailures.put(v4, new AtomicInteger());
        if (DataTestSupport.ipv6LoopbackAvailable()) {
            v6 = new TestServer().ipv6().start();
            provokedFailures.put(v6, new AtomicInteger());
        }
    }

    @AfterAll
    static void checkCountersAndStop() {
        try {
            for (TestServer ts : new TestServer[] {v4, v6}) {
                if (ts != null) {
                    assertThat(ts.stat("transfers.failed")).as("transfers.failed on %s", ts.host())
                            .isEqualTo(provokedFailures.get(ts).get());
                    assertThat(ts.stat("transfers.ok")).as("transfers.ok on %s", ts.host()).isPositive();
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

    private static TestServer server(boolean ipv6) {
        if (ipv6) {
            assumeTrue(v6 != null, "IPv6 loopback ::1 is not available on this machine");
            return v6;
        }
        return v4;
    }

    private static TestServer server(Mode m) {
        return server(m.ipv6());
    }

    /** A fresh directory under the root, so tests never see each other's files. */
    private static String freshDir(TestServer ts) throws IOException {
        String d = "t" + dirs.incrementAndGet();
        Files.createDirectories(ts.file(d));
        return d;
    }

    /** A client logged in and already in a fresh directory. */
    private static FTPClient clientIn(TestServer ts, Mode m, String dir) throws IOException {
        FTPClient c = utf8Client(ts, m.passive());
        assertThat(c.changeWorkingDirectory(dir)).as(c.getReplyString()).isTrue();
        return c;
    }

    private static byte[] download(FTPClient c, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(c.retrieveFile(name, out)).as("RETR %s: %s", name, c.getReplyString()).isTrue();
        assertThat(c.getReplyCode()).isEqualTo(226);
        return out.toByteArray();
    }

    private static void upload(FTPClient c, String name, byte[] content) throws IOException {
        assertThat(c.storeFile(name, new ByteArrayInputStream(content))).as("STOR %s: %s", name, c.getReplyString())
                .isTrue();
        assertThat(c.getReplyCode()).isEqualTo(226);
    }

    // --- RETR STOR APPE STOU

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void retrSendsTheFileByteForByte(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(1 << 20, 1);
        ts.write(dir + "/big.bin", content);
        FTPClient c = clientIn(ts, m, dir);
        try {
            byte[] got = download(c, "big.bin");
            assertThat(got).hasSize(content.length);
            assertThat(sha256(got)).isEqualTo(sha256(content));
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void storWritesExactlyWhatWasSent(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(1 << 20, 2);
        FTPClient c = clientIn(ts, m, dir);
        try {
            upload(c, "up.bin", content);
        } finally {
            quit(c);
        }
        assertThat(sha256(ts.file(dir + "/up.bin"))).isEqualTo(sha256(content));
        assertThat(tempFiles(ts.file(dir))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void storReplacesAnExistingFile(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        ts.write(dir + "/f.bin", randomBytes(300_000, 3));
        byte[] content = randomBytes(1000, 4);
        FTPClient c = clientIn(ts, m, dir);
        try {
            upload(c, "f.bin", content);
        } finally {
            quit(c);
        }
        assertThat(Files.readAllBytes(ts.file(dir + "/f.bin"))).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void appeAppendsToTheFileAndCreatesAMissingOne(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] head = randomBytes(100_000, 5);
        byte[] tail = randomBytes(150_000, 6);
        ts.write(dir + "/log.bin", head);
        FTPClient c = clientIn(ts, m, dir);
        try {
            assertThat(c.appendFile("log.bin", new ByteArrayInputStream(tail))).as(c.getReplyString()).isTrue();
            assertThat(c.getReplyCode()).isEqualTo(226);
            assertThat(c.appendFile("new.bin", new ByteArrayInputStream(tail))).as(c.getReplyString()).isTrue();
        } finally {
            quit(c);
        }
        byte[] expected = concat(head, tail);
        assertThat(sha256(ts.file(dir + "/log.bin"))).isEqualTo(sha256(expected));
        assertThat(Files.readAllBytes(ts.file(dir + "/new.bin"))).isEqualTo(tail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void stouStoresUnderAFreshUniqueName(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] old = "do not overwrite me".getBytes(StandardCharsets.UTF_8);
        ts.write(dir + "/ftpd", old); // the server's default base name is taken
        byte[] first = randomBytes(70_000, 7);
        byte[] second = randomBytes(10_000, 8);
        FTPClient c = clientIn(ts, m, dir);
        String name1;
        String name2;
        try {
            name1 = stou(c, first);
            name2 = stou(c, second);
        } finally {
            quit(c);
        }
        assertThat(name1).isNotEqualTo(name2).isNotEqualTo("ftpd");
        assertThat(name2).isNotEqualTo("ftpd");
        assertThat(Files.readAllBytes(ts.file(dir + "/ftpd"))).isEqualTo(old);
        assertThat(Files.readAllBytes(ts.file(dir + "/" + name1))).isEqualTo(first);
        assertThat(Files.readAllBytes(ts.file(dir + "/" + name2))).isEqualTo(second);
    }

    /** STOU, then the unique name the server reported (in the 150 "FILE:" reply and the final 226/250). */
    private static String stou(FTPClient c, byte[] content) throws IOException {
        String name;
        try (OutputStream out = c.storeUniqueFileStream()) {
            assertThat(out).as("STOU: %s", c.getReplyString()).isNotNull();
            String opening = c.getReplyString().trim();
            Matcher fm = Pattern.compile("^1(25|50) FILE: (.+)$").matcher(opening);
            assertThat(fm.matches()).as("RFC 1123 4.1.2.9 preliminary reply: %s", opening).isTrue();
            name = fm.group(2).trim();
            out.write(content);
        }
        assertThat(c.completePendingCommand()).as(c.getReplyString()).isTrue();
        assertThat(c.getReplyCode()).isIn(226, 250);
        assertThat(c.getReplyString()).contains(name);
        return name;
    }

    // --- REST

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void restThenRetrSendsTheTailFromTheOffset(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(1 << 20, 9);
        ts.write(dir + "/big.bin", content);
        int offset = 300_001;
        FTPClient c = clientIn(ts, m, dir);
        try {
            c.setRestartOffset(offset);
            byte[] got = download(c, "big.bin");
            assertThat(sha256(got)).isEqualTo(sha256(Arrays.copyOfRange(content, offset, content.length)));
            // REST applies to one transfer only: the next RETR is whole again.
            assertThat(download(c, "big.bin")).hasSize(content.length);
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void restThenStorResumesAnInterruptedUpload(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] content = randomBytes(1 << 20, 10);
        int offset = 400_000;
        // What arrived before the interruption, followed by junk the resume must not keep.
        ts.write(dir + "/part.bin", concat(Arrays.copyOf(content, offset), randomBytes(5_000, 11)));
        FTPClient c = clientIn(ts, m, dir);
        try {
            c.setRestartOffset(offset);
            upload(c, "part.bin", Arrays.copyOfRange(content, offset, content.length));
        } finally {
            quit(c);
        }
        assertThat(sha256(ts.file(dir + "/part.bin"))).isEqualTo(sha256(content));
    }

    // --- listings

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void listGivesLsLongLines(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[1234]);
        Files.createDirectories(ts.file(dir + "/sub"));
        FTPClient c = clientIn(ts, m, dir);
        FTPFile[] files;
        try {
            files = c.listFiles();
            assertThat(c.getReplyCode()).as(c.getReplyString()).isEqualTo(226);
        } finally {
            quit(c);
        }
        assertThat(files).extracting(FTPFile::getName).containsExactlyInAnyOrder("a.bin", "sub");
        for (FTPFile f : files) {
            String raw = f.getRawListing();
            if (f.getName().equals("a.bin")) {
                assertThat(raw).matches("-[rwxsStT-]{9}\\s+\\d+\\s+\\S+\\s+\\S+\\s+1234\\s+[A-Z][a-z]{2}\\s+\\d{1,2}\\s+"
                        + "(\\d{2}:\\d{2}|\\d{4})\\s+a\\.bin");
                assertThat(f.isFile()).isTrue();
                assertThat(f.getSize()).isEqualTo(1234);
            } else {
                assertThat(raw).startsWith("d").endsWith(" sub");
                assertThat(f.isDirectory()).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void nlstGivesBareNames(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[10]);
        ts.write(dir + "/b.txt", new byte[20]);
        Files.createDirectories(ts.file(dir + "/sub"));
        FTPClient c = clientIn(ts, m, dir);
        try {
            String[] names = c.listNames();
            assertThat(names).as(c.getReplyString()).containsExactlyInAnyOrder("a.bin", "b.txt", "sub");
            assertThat(c.getReplyCode()).isEqualTo(226);
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void mlsdGivesFactsForEveryEntry(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[1234]);
        ts.write(dir + "/empty", new byte[0]);
        Files.createDirectories(ts.file(dir + "/sub"));
        FTPClient c = clientIn(ts, m, dir);
        FTPFile[] entries;
        try {
            entries = c.mlistDir();
            assertThat(c.getReplyCode()).as(c.getReplyString()).isEqualTo(226);
        } finally {
            quit(c);
        }
        assertThat(entries).extracting(FTPFile::getName).containsExactlyInAnyOrder("a.bin", "empty", "sub");
        Set<String> uniques = new HashSet<>();
        for (FTPFile e : entries) {
            Map<String, String> facts = facts(e.getRawListing());
            Path p = ts.file(dir + "/" + e.getName());
            boolean isDir = Files.isDirectory(p);
            assertThat(facts).as(e.getRawListing()).containsEntry("type", isDir ? "dir" : "file");
            if (isDir) {
                assertThat(facts).doesNotContainKey("size");
                assertThat(facts.get("perm")).contains("e", "l");
            } else {
                assertThat(facts).containsEntry("size", Long.toString(Files.size(p)));
                assertThat(facts.get("perm")).contains("r", "w");
            }
            assertThat(facts).containsEntry("modify", MLSX_TIME.format(Files.getLastModifiedTime(p).toInstant()));
            assertThat(facts.get("unique")).isNotBlank();
            uniques.add(facts.get("unique"));
        }
        assertThat(uniques).as("unique facts differ per entry").hasSize(entries.length);
    }

    /** "type=file;size=1;... name" (RFC 3659 7.2) to fact name -> value, names lower-cased. */
    private static Map<String, String> facts(String line) {
        assertThat(line).matches("([A-Za-z.-]+=[^;= ]*;)+ .+");
        Map<String, String> m = new HashMap<>();
        for (String f : line.substring(0, line.indexOf(' ')).split(";")) {
            int eq = f.indexOf('=');
            m.put(f.substring(0, eq).toLowerCase(), f.substring(eq + 1));
        }
        return m;
    }

    @ParameterizedTest(name = "IPv6={0}")
    @MethodSource("families")
    void mlstDescribesOneFileOnTheControlConnection(boolean ipv6) throws Exception {
        TestServer ts = server(ipv6);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[4321]);
        FTPClient c = utf8Client(ts, true);
        try {
            FTPFile f = c.mlistFile("/" + dir + "/a.bin");
            assertThat(f).as(c.getReplyString()).isNotNull();
            assertThat(c.getReplyCode()).isEqualTo(250);
            assertThat(f.isFile()).isTrue();
            assertThat(f.getSize()).isEqualTo(4321);
            // RFC 3659 7.2: the fact line is the only body line and starts with one space.
            String[] lines = c.getReplyStrings();
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).startsWith(" type=file;size=4321;").endsWith(" /" + dir + "/a.bin");
            assertThat(facts(lines[1].substring(1))).containsKeys("modify", "perm", "unique");

            FTPFile d = c.mlistFile("/" + dir);
            assertThat(d).as(c.getReplyString()).isNotNull();
            assertThat(d.isDirectory()).isTrue();
        } finally {
            quit(c);
        }
    }

    // --- TYPE A

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void typeADownloadSendsCrlfLineEnds(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        byte[] file = textWithLfAcrossBufferEdges();
        ts.write(dir + "/text.txt", file);
        FTPClient c = clientIn(ts, m, dir);
        try {
            // Raw TYPE A: the server translates, while commons-net (still binary) hands us the wire bytes.
            assertThat(c.sendCommand("TYPE A")).isEqualTo(200);
            byte[] wire = download(c, "text.txt");
            String expected = new String(file, StandardCharsets.ISO_8859_1).replace("\n", "\r\n");
            assertThat(new String(wire, StandardCharsets.ISO_8859_1)).isEqualTo(expected);
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void typeAUploadStoresLfLineEnds(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        String unix = new String(textWithLfAcrossBufferEdges(), StandardCharsets.ISO_8859_1);
        byte[] wire = unix.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        FTPClient c = clientIn(ts, m, dir);
        try {
            assertThat(c.sendCommand("TYPE A")).isEqualTo(200);
            upload(c, "text.txt", wire);
        } finally {
            quit(c);
        }
        assertThat(new String(Files.readAllBytes(ts.file(dir + "/text.txt")), StandardCharsets.ISO_8859_1))
                .isEqualTo(unix);
    }

    /**
     * A CRLF split across two reads of the data socket is still one line end; a lone CR is data,
     * also at the very end. Deterministic: the second half is sent only once the server has
     * written the first half ("abc", its CR held back) to its temporary file.
     */
    @Test
    void typeAUploadJoinsACrlfSplitAcrossTwoReads() throws Exception {
        TestServer ts = server(false);
        String dir = freshDir(ts);
        Path dirPath = ts.file(dir);
        try (WireClient f = WireClient.login(ts)) {
            f.expect("CWD " + dir, 250);
            f.expect("TYPE A", 200);
            InetSocketAddress a = f.epsv();
            f.send("STOR split.txt");
            try (Socket data = WireClient.connectData(a)) {
                assertThat(f.replyOrEof().code()).isEqualTo(150);
                OutputStream out = data.getOutputStream();
                out.write("abc\r".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await("first half written").atMost(Duration.ofSeconds(5)).until(() -> tempFiles(dirPath).stream()
                        .anyMatch(t -> sizeOf(dirPath.resolve(t)) == 3));
                out.write("\ndef\rghi\r\nz\r".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertThat(f.replyOrEof().code()).isEqualTo(226);
        }
        assertThat(Files.readString(ts.file(dir + "/split.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("abc\ndef\rghi\nz\r");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** ~200 KB of text with line ends on both sides of the server's 64 KiB buffer edges. */
    private static byte[] textWithLfAcrossBufferEdges() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 200_000) {
            sb.append("line ").append(i++).append(" ").append("x".repeat(i % 97)).append('\n');
        }
        for (int edge : new int[] {65_536, 131_072}) {
            sb.setCharAt(edge - 1, '\n');
            sb.setCharAt(edge, '\n');
        }
        sb.setCharAt(sb.length() - 1, '\n');
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // --- edge cases

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void emptyFilesGoBothWays(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        ts.write(dir + "/zero", new byte[0]);
        FTPClient c = clientIn(ts, m, dir);
        try {
            assertThat(download(c, "zero")).isEmpty();
            upload(c, "zero-up", new byte[0]);
        } finally {
            quit(c);
        }
        assertThat(ts.file(dir + "/zero-up")).exists().isEmptyFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void namesWithSpacesAndNonAsciiCharacters(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        String name = "naïve  file – ünïcödé 文件 €.txt";
        byte[] content = randomBytes(50_000, 12);
        FTPClient c = clientIn(ts, m, dir);
        try {
            upload(c, name, content);
            assertThat(ts.file(dir + "/" + name)).exists();
            assertThat(Files.readAllBytes(ts.file(dir + "/" + name))).isEqualTo(content);
            assertThat(c.listNames()).containsExactly(name);
            assertThat(c.mlistDir()).extracting(FTPFile::getName).containsExactly(name);
            assertThat(download(c, name)).isEqualTo(content);
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void retrOfAMissingFileIs550(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        FTPClient c = clientIn(ts, m, dir);
        try {
            assertThat(c.retrieveFile("missing.bin", new ByteArrayOutputStream())).isFalse();
            assertThat(c.getReplyCode()).as(c.getReplyString()).isEqualTo(550);
            assertThat(c.sendNoOp()).as("session still usable").isTrue();
        } finally {
            quit(c);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void storIntoAMissingDirectoryIs550(Mode m) throws Exception {
        TestServer ts = server(m);
        String dir = freshDir(ts);
        FTPClient c = clientIn(ts, m, dir);
        try {
            assertThat(c.storeFile("nodir/x.bin", new ByteArrayInputStream(new byte[100]))).isFalse();
            assertThat(c.getReplyCode()).as(c.getReplyString()).isEqualTo(550);
            assertThat(c.sendNoOp()).as("session still usable").isTrue();
        } finally {
            quit(c);
        }
        assertThat(ts.file(dir + "/nodir")).doesNotExist();
    }

    @ParameterizedTest(name = "IPv6={0}")
    @MethodSource("families")
    void transferWithoutPortOrPasvIs425(boolean ipv6) throws Exception {
        TestServer ts = server(ipv6);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[10]);
        FTPClient c = clientIn(ts, new Mode(false, ipv6), dir);
        try {
            assertThat(c.sendCommand("RETR", "a.bin")).as(c.getReplyString()).isEqualTo(425);
            assertThat(c.sendCommand("STOR", "b.bin")).as(c.getReplyString()).isEqualTo(425);
            assertThat(c.sendCommand("LIST")).as(c.getReplyString()).isEqualTo(425);
            assertThat(c.sendCommand("NOOP")).as("no transfer is pending").isEqualTo(200);
        } finally {
            quit(c);
        }
        assertThat(ts.file(dir + "/b.bin")).doesNotExist();
    }

    // --- PORT EPRT PASV EPSV

    @ParameterizedTest(name = "IPv6={0}")
    @MethodSource("families")
    void dataConnectionCommandsReplyInTheirRfcFormats(boolean ipv6) throws Exception {
        TestServer ts = server(ipv6);
        String dir = freshDir(ts);
        ts.write(dir + "/a.bin", new byte[1]);
        ts.write(dir + "/b.bin", new byte[2]);
        InetAddress loopback = InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1");
        try (WireClient f = WireClient.login(ts); ServerSocket listener = new ServerSocket()) {
            f.expect("CWD " + dir, 250);
            listener.bind(new InetSocketAddress(loopback, 0));
            listener.setSoTimeout(10_000);
            int p = listener.getLocalPort();

            if (!ipv6) {
                WireClient.Reply port = f.expect("PORT 127,0,0,1," + (p >> 8) + "," + (p & 0xFF), 200);
                assertThat(port.lines()).hasSize(1);
                assertThat(nlstActive(f, listener)).containsExactlyInAnyOrder("a.bin", "b.bin");

                WireClient.Reply pasv = f.expect("PASV", 227);
                Matcher pm = PASV_227.matcher(pasv.lines().get(0));
                assertThat(pm.matches()).as("RFC 959 227 h1,h2,h3,h4,p1,p2: %s", pasv).isTrue();
                assertThat(pm.group(1) + "." + pm.group(2) + "." + pm.group(3) + "." + pm.group(4)).isEqualTo("127.0.0.1");
                int pasvPort = Integer.parseInt(pm.group(5)) * 256 + Integer.parseInt(pm.group(6));
                assertThat(nlstPassive(f, new InetSocketAddress(loopback, pasvPort))).containsExactlyInAnyOrder("a.bin", "b.bin");
            }

            String eprt = ipv6 ? "EPRT |2|::1|" + p + "|" : "EPRT |1|127.0.0.1|" + p + "|";
            f.expect(eprt, 200);
            assertThat(nlstActive(f, listener)).containsExactlyInAnyOrder("a.bin", "b.bin");

            for (String epsv : new String[] {"EPSV", "EPSV " + (ipv6 ? "2" : "1")}) {
                WireClient.Reply r = f.expect(epsv, 229);
                Matcher em = EPSV_229.matcher(r.lines().get(0));
                assertThat(em.matches()).as("RFC 2428 229 (|||port|): %s", r).isTrue();
                int epsvPort = Integer.parseInt(em.group(1));
                assertThat(nlstPassive(f, new InetSocketAddress(loopback, epsvPort)))
                        .containsExactlyInAnyOrder("a.bin", "b.bin");
            }
            // RFC 2428 3: the other family's EPSV is refused with 522.
            assertThat(f.command("EPSV " + (ipv6 ? "1" : "2")).code()).isEqualTo(522);
        }
    }

    private static String[] nlstActive(WireClient f, ServerSocket listener) throws IOException {
        f.send("NLST");
        try (Socket data = listener.accept()) {
            return readNlst(f, data);
        }
    }

    private static String[] nlstPassive(WireClient f, InetSocketAddress target) throws IOException {
        f.send("NLST");
        try (Socket data = WireClient.connectData(target)) {
            return readNlst(f, data);
        }
    }

    private static String[] readNlst(WireClient f, Socket data) throws IOException {
        assertThat(f.replyOrEof().code()).isIn(125, 150);
        byte[] bytes;
        try (InputStream in = data.getInputStream()) {
            bytes = in.readAllBytes();
        }
        assertThat(f.replyOrEof().code()).isEqualTo(226);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return text.split("\r\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
