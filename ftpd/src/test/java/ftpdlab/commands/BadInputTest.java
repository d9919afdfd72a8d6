package ftpdlab.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.WireClient;
import ftpdlab.testing.ServerTestTemplate;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed input: PORT/EPRT syntax and bounce attempts, EPSV ALL, path traversal, symlinks out of the root. */
class BadInputTest extends ServerTestTemplate {

    private static final String SECRET = "outside secret\n";

    /** A directory outside the root that symlinks inside the root point to. */
    private static Path outside;

    @BeforeAll
    static void prepare() throws IOException {
        ts.write("inside.txt", "inside\n".getBytes(StandardCharsets.UTF_8));
        outside = Files.createTempDirectory("ftpd-test-outside");
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(ts.file("link-dir"), outside);
        Files.createSymbolicLink(ts.file("link-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(ts.file("link-dangling"), outside.resolve("not-yet.txt"));
    }

    @AfterAll
    static void removeOutside() throws IOException {
        try (Stream<Path> walk = Files.walk(outside)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // --- PORT

    @ParameterizedTest
    @ValueSource(strings = {"127,0,0,1,4", "127,0,0,1,4,1,7", "127,0,0,256,4,1", "127,0,0,1,4,256", "a,b,c,d,e,f",
            "127,0,0,1,-1,5", "127.0.0.1,4,1", ",,,,,", "127,0,0,1,4,1x",
            // Finding 14 of issue 7: a trailing comma, a sign, non-ASCII digits, inner spaces.
            "127,0,0,1,4,1,", "127,0,0,1,+4,1", "127,0,0,1,4,\u0661", "127,0,0,1,\u0664,1", "127,0,0,1, 4,1"})
    void malformedPortIs501(String arg) throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("PORT", arg)).as("PORT %s", arg).isEqualTo(501);
    }

    @Test
    void wellFormedPortToTheClientIs200() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("PORT", "127,0,0,1,39,16")).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127,0,0,2,39,16", "10,0,0,1,39,16", "192,168,1,1,0,25"})
    void portToAnotherAddressIsRefusedAsBounce(String arg) throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("PORT", arg)).isEqualTo(501);
        assertThat(c.getReplyString()).containsIgnoringCase("bounce");
    }

    @Test
    void portBelow1024IsRefused() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("PORT", "127,0,0,1,0,21")).isEqualTo(501);
        assertThat(c.getReplyString()).contains("1024");
        assertThat(c.sendCommand("PORT", "127,0,0,1,3,255")).as("port 1023").isEqualTo(501);
        assertThat(c.sendCommand("PORT", "127,0,0,1,4,0")).as("port 1024").isEqualTo(200);
    }

    @Test
    void allowForeignAddressAcceptsSuchPorts() throws IOException {
        try (TestServer open = new TestServer().with("data.active.allow-foreign-address", "true").start()) {
            FTPClient c = track(open.client(false));
            assertThat(c.sendCommand("PORT", "10,0,0,1,39,16")).isEqualTo(200);
            assertThat(c.sendCommand("PORT", "127,0,0,2,39,16")).isEqualTo(200);
            assertThat(c.sendCommand("EPRT", "|1|10.0.0.1|10000|")).isEqualTo(200);
            // Syntax is still checked.
            assertThat(c.sendCommand("PORT", "10,0,0,1,39")).isEqualTo(501);
            c.disconnect();
        }
    }

    // --- EPRT

    @ParameterizedTest
    @ValueSource(strings = {"foo", "127.0.0.1:5000", "|1|127.0.0.1|5000", "1|127.0.0.1|5000|", "|1|127.0.0.1|5000|x|",
            "|1|999.0.0.1|5000|", "|1|1.2.3|5000|", "|1|localhost|5000|", "|1|::1|5000|", "|2|127.0.0.1|5000|",
            "|1|127.0.0.1|0|", "|1|127.0.0.1|65536|", "|1|127.0.0.1|abc|", "|1|127.0.0.1||",
            // Finding 14: non-ASCII digits (Arabic-Indic 5000) and a sign in the port.
            "|1|127.0.0.1|\u0665\u0660\u0660\u0660|", "|1|127.0.0.1|+5000|", "|1|127.0.0.\u0661|5000|"})
    void malformedEprtIs501(String arg) throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("EPRT", arg)).as("EPRT %s", arg).isEqualTo(501);
    }

    @Test
    void eprtWithUnknownProtocolIs522() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("EPRT", "|3|127.0.0.1|5000|")).isEqualTo(522);
        // RFC 2428: the 522 text names the protocols the server does support.
        assertThat(c.getReplyString()).contains("(1,2)");
    }

    @Test
    void wellFormedEprtIs200AndForeignOneIsBounce() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("EPRT", "|1|127.0.0.1|5000|")).isEqualTo(200);
        assertThat(c.sendCommand("EPRT", "!1!127.0.0.1!5000!")).as("any delimiter").isEqualTo(200);
        assertThat(c.sendCommand("EPRT", "|1|10.0.0.1|5000|")).isEqualTo(501);
        assertThat(c.getReplyString()).containsIgnoringCase("bounce");
        assertThat(c.sendCommand("EPRT", "|1|127.0.0.1|21|")).isEqualTo(501);
    }

    @Test
    void epsvAllLocksOutOtherDataCommands() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("EPSV", "ALL")).isEqualTo(200);
        assertThat(c.sendCommand("PORT", "127,0,0,1,39,16")).isEqualTo(503);
        assertThat(c.sendCommand("PASV")).isEqualTo(503);
        assertThat(c.sendCommand("EPRT", "|1|127.0.0.1|5000|")).isEqualTo(503);
        assertThat(c.sendCommand("EPSV")).isEqualTo(229);
        assertThat(c.getReplyString()).matches("(?s)229 .*\\(\\|\\|\\|\\d+\\|\\).*");
    }

    // --- traversal

    @Test
    void climbingAboveTheRootIs550() throws IOException {
        String escape = "escape-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        FTPClient c = login();
        assertThat(c.sendCommand("CWD", "..")).isEqualTo(550);
        assertThat(c.sendCommand("CWD", "/..")).isEqualTo(550);
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(c.getReplyString()).startsWith("257 \"/\"");

        assertThat(c.retrieveFile("../x", new ByteArrayOutputStream())).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.retrieveFile("/../../etc/passwd", new ByteArrayOutputStream())).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.sendCommand("RETR", "a/../../inside.txt")).isEqualTo(550);

        assertThat(c.sendCommand("MKD", "../" + escape)).isEqualTo(550);
        assertThat(c.storeFile("../" + escape + ".txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        Path parent = ts.root().getParent();
        assertThat(parent.resolve(escape)).doesNotExist();
        assertThat(parent.resolve(escape + ".txt")).doesNotExist();
    }

    @Test
    void absolutePathsAreUnderTheRoot() throws IOException {
        FTPClient c = login();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("/etc/passwd", out)).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(out.size()).isZero();
        // While "/inside.txt" is the file in the root.
        assertThat(c.retrieveFile("/inside.txt", out)).as(c.getReplyString()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("inside\n");
    }

    @Test
    void nulInAPathIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("CWD", "a\0b")).isEqualTo(550);
        assertThat(c.sendCommand("RETR", "inside.txt\0.jpg")).isEqualTo(550);
    }

    // --- symlinks leading out of the root

    @Test
    void symlinkedDirectoryOutsideTheRootIsOffLimits() throws IOException {
        FTPClient c = login();
        assertThat(c.retrieveFile("link-dir/secret.txt", new ByteArrayOutputStream())).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.sendCommand("CWD", "link-dir")).isEqualTo(550);
        assertThat(c.listFiles("link-dir")).isEmpty();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.listNames("link-dir")).isNull();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.sendCommand("MLST", "link-dir/secret.txt")).isEqualTo(550);
        assertThat(c.sendCommand("SIZE", "link-dir/secret.txt")).isEqualTo(550);

        assertThat(c.storeFile("link-dir/new.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.sendCommand("MKD", "link-dir/newdir")).isEqualTo(550);
        assertThat(c.sendCommand("DELE", "link-dir/secret.txt")).isEqualTo(550);
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(outside.resolve("newdir")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET);
    }

    @Test
    void symlinkedFileOutsideTheRootIsOffLimits() throws IOException {
        FTPClient c = login();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("link-file", out)).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(out.size()).isZero();
        assertThat(c.sendCommand("SIZE", "link-file")).isEqualTo(550);
        assertThat(c.sendCommand("MDTM", "link-file")).isEqualTo(550);

        assertThat(c.storeFile("link-file", new ByteArrayInputStream("overwritten".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.appendFile("link-file", new ByteArrayInputStream("appended".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo(SECRET);
    }

    @Test
    void danglingSymlinkCannotCreateItsTarget() throws IOException {
        FTPClient c = login();
        assertThat(c.storeFile("link-dangling", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(outside.resolve("not-yet.txt")).doesNotExist();
    }

    // --- what replies may echo (finding 14, and finding 6's defence in depth)

    @Test
    void repliesNeverEchoRawControlCharacters() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            WireClient.Reply r = raw.command("USER a\u001b[2Jb\u0000c\u007fd\u0085e");
            assertThat(r.code()).isEqualTo(331);
            assertThat(r.text()).doesNotContainPattern("\\p{Cntrl}").contains("a?[2Jb?c?d?e");
            assertThat(raw.command("HELP \u001b]0;pwned\u0007").text()).doesNotContainPattern("\\p{Cntrl}");
        }
    }

    @Test
    void errorRepliesNeverShowTheRealRoot() throws IOException {
        String realRoot = ts.root().toRealPath().toString();
        try (WireClient raw = WireClient.login(ts)) {
            WireClient.Reply r = raw.command("STAT " + "A".repeat(300));
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).doesNotContain(realRoot);
        }
    }

    // --- login abuse

    @Test
    void repeatedFailedLoginsCloseTheSession() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            // The default limits.max-login-failures is 3.
            for (int i = 1; i <= 3; i++) {
                assertThat(raw.command("USER alice").code()).isEqualTo(331);
                assertThat(raw.command("PASS wrong" + i).code()).as("failure %d", i).isEqualTo(530);
                if (i < 3) {
                    assertThat(raw.closedByServer()).as("closed after %d failures", i).isFalse();
                }
            }
            await().atMost(Duration.ofSeconds(5)).until(raw::closedByServer);
        }
    }
}
