package ftpdlab.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.WireClient;
import ftpdlab.testing.ServerTestTemplate;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The control-connection protocol: line handling, pre-checks, informational and parameter commands. */
class ProtocolTest extends ServerTestTemplate {

    @BeforeAll
    static void prepare() {
        ts.write("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
    }

    private FTPClient loginUtf8() throws IOException {
        FTPClient c = track(new FTPClient());
        c.setControlEncoding("UTF-8");
        c.setDefaultTimeout(10_000);
        c.connect(ts.host(), ts.port());
        assertThat(c.login(TestServer.USER, TestServer.PASSWORD)).as(c.getReplyString()).isTrue();
        return c;
    }

    private static String reply(FTPClient c) {
        return c.getReplyString();
    }

    // --- line handling

    @Test
    void greetsWith220() throws IOException {
        try (WireClient raw = WireClient.connect(ts)) {
            WireClient.Reply greeting = raw.reply();
            assertThat(greeting.code()).isEqualTo(220);
            assertThat(greeting.lines()).hasSize(1);
            assertThat(greeting.lines().get(0)).startsWith("220 ").contains("ftpd-lab ready");
        }
    }

    @Test
    void unknownVerbIs500() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("XYZZY")).isEqualTo(500);
        assertThat(reply(c)).contains("XYZZY");
        assertThat(c.sendCommand("NOOP")).isEqualTo(200);
    }

    @Test
    void unknownVerbIs500EvenBeforeLogin() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("XYZZY foo").code()).isEqualTo(500);
        }
    }

    @Test
    void emptyLineIs500() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("").code()).isEqualTo(500);
            assertThat(raw.command("   ").code()).isEqualTo(500);
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void overlongLineIs500AndSessionSurvives() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            char[] name = new char[5000];
            Arrays.fill(name, 'a');
            WireClient.Reply r = raw.command("NOOP " + new String(name));
            assertThat(r.code()).isEqualTo(500);
            assertThat(r.text()).containsIgnoringCase("too long");
            assertThat(raw.command("NOOP").code()).isEqualTo(200);
        }
    }

    @Test
    void overlongLineSentInPiecesIs500Once() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            byte[] chunk = new byte[3000];
            Arrays.fill(chunk, (byte) 'b');
            raw.sendRaw("USER ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4; i++) {
                raw.sendRaw(chunk);
            }
            raw.sendRaw("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.reply().code()).isEqualTo(500);
            // Exactly one 500 for the one long line; the next reply belongs to NOOP.
            assertThat(raw.reply().code()).isEqualTo(200);
        }
    }

    @Test
    void bareLfLineEndingsAccepted() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            raw.sendRaw("USER alice\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.reply().code()).isEqualTo(331);
            raw.sendRaw("PASS secret\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.reply().code()).isEqualTo(230);
            raw.sendRaw("PWD\n".getBytes(StandardCharsets.US_ASCII));
            WireClient.Reply pwd = raw.reply();
            assertThat(pwd.code()).isEqualTo(257);
            assertThat(pwd.text()).startsWith("257 \"/\"");
        }
    }

    @Test
    void telnetIacSequencesAreStripped() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            // IAC IP IAC DM, as clients send before ABOR, then NOOP.
            raw.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'N', 'O', 'O', 'P', '\r', '\n'});
            assertThat(raw.reply().code()).isEqualTo(200);
        }
    }

    @Test
    void lowerCaseVerbsAccepted() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("user alice").code()).isEqualTo(331);
            assertThat(raw.command("pass secret").code()).isEqualTo(230);
            assertThat(raw.command("pwd").code()).isEqualTo(257);
            assertThat(raw.command("Syst").code()).isEqualTo(215);
        }
    }

    @Test
    void smntIs502() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("SMNT", "/")).isEqualTo(502);
    }

    @Test
    void argumentRulesGive501() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("NOOP", "extra")).isEqualTo(501);
        assertThat(c.sendCommand("PWD", "extra")).isEqualTo(501);
        assertThat(c.sendCommand("RETR")).isEqualTo(501);
        assertThat(reply(c)).contains("RETR <sp> file-name");
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("USER").code()).isEqualTo(501);
            assertThat(raw.command("USER ").code()).isEqualTo(501);
        }
    }

    // --- information

    @Test
    void helpListsVerbs() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("HELP")).isEqualTo(214);
        String[] lines = c.getReplyStrings();
        assertThat(lines.length).isGreaterThan(2);
        assertThat(lines[0]).startsWith("214-");
        assertThat(lines[lines.length - 1]).startsWith("214 ");
        String body = String.join(" ", Arrays.asList(lines).subList(1, lines.length - 1));
        assertThat(body.split("\\s+")).contains("RETR", "STOR", "LIST", "USER", "PASS", "EPSV", "MLST", "XPWD", "SITE");
    }

    @Test
    void helpOnOneVerbGivesItsSyntax() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("HELP", "RETR")).isEqualTo(214);
        assertThat(reply(c)).startsWith("214 ").contains("RETR <sp> file-name");
        assertThat(c.sendCommand("HELP", "retr")).isEqualTo(214);
        assertThat(c.sendCommand("HELP", "XYZZY")).isEqualTo(501);
    }

    @Test
    void featListsExtensions() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            // FEAT works before login (RFC 2389).
            WireClient.Reply feat = raw.command("FEAT");
            assertThat(feat.code()).isEqualTo(211);
            assertThat(feat.lines().get(0)).startsWith("211-");
            assertThat(feat.lines().get(feat.lines().size() - 1)).startsWith("211 ");
            List<String> body = feat.lines().subList(1, feat.lines().size() - 1);
            // RFC 2389: each feature line starts with a single space.
            assertThat(body).allSatisfy(l -> assertThat(l).startsWith(" ").doesNotStartWith("  "));
            List<String> features = body.stream().map(String::trim).toList();
            assertThat(features).contains("EPRT", "EPSV", "MDTM", "PASV", "REST STREAM", "SIZE", "UTF8");
            assertThat(features).anySatisfy(f -> assertThat(f).startsWith("MLST ").contains("type*", "size*", "modify*"));
        }
    }

    @Test
    void systIs215() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("SYST")).isEqualTo(215);
        assertThat(reply(c)).startsWith("215 UNIX");
    }

    @Test
    void optsUtf8On() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("OPTS", "UTF8 ON")).isEqualTo(200);
        assertThat(c.sendCommand("OPTS", "NOSUCH ON")).isEqualTo(501);
    }

    @Test
    void optsMlstSelectsFacts() throws IOException {
        ts.write("facts.txt", "12345".getBytes(StandardCharsets.US_ASCII));
        FTPClient c = login();
        assertThat(c.sendCommand("MLST", "facts.txt")).isEqualTo(250);
        assertThat(c.getReplyStrings()[1]).contains("modify=", "perm=");

        assertThat(c.sendCommand("OPTS", "MLST type;size;")).isEqualTo(200);
        assertThat(reply(c)).contains("type;size;").doesNotContain("modify");
        assertThat(c.sendCommand("MLST", "facts.txt")).isEqualTo(250);
        assertThat(c.getReplyStrings()[1]).isEqualTo(" type=file;size=5; /facts.txt");

        // RFC 3659 7.8/7.9: FEAT marks the facts currently selected, and only those, with '*'.
        assertThat(c.sendCommand("FEAT")).isEqualTo(211);
        assertThat(c.getReplyStrings()).contains(" MLST type*;size*;modify;perm;unique;");
    }

    @Test
    void statWithoutArgumentIsMultiLine211() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("STAT")).isEqualTo(211);
        String[] lines = c.getReplyStrings();
        assertThat(lines.length).isGreaterThan(2);
        assertThat(lines[0]).startsWith("211-");
        assertThat(lines[lines.length - 1]).startsWith("211 ");
        assertThat(String.join("\n", lines)).contains("Logged in as alice", "TYPE: I");
    }

    @Test
    void siteHelpIs214() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("SITE", "HELP")).isEqualTo(214);
        assertThat(reply(c)).contains("STATS");
        assertThat(c.sendCommand("SITE", "NOSUCH")).isEqualTo(501);
    }

    private static Map<String, String> siteStats(FTPClient c) throws IOException {
        assertThat(c.sendCommand("SITE", "STATS")).isEqualTo(211);
        String[] lines = c.getReplyStrings();
        assertThat(lines[0]).startsWith("211-");
        assertThat(lines[lines.length - 1]).startsWith("211 ");
        Map<String, String> stats = new LinkedHashMap<>();
        for (String l : Arrays.asList(lines).subList(1, lines.length - 1)) {
            String kv = l.trim();
            int eq = kv.indexOf('=');
            assertThat(eq).as("name=value line: %s", l).isPositive();
            stats.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return stats;
    }

    @Test
    void siteStatsHasExactlyTheDocumentedNames() throws IOException {
        FTPClient c = login();
        // docs/configuration.md's names; per-cause and per-transfer counters appear once they count something.
        assertThat(siteStats(c).keySet()).containsExactlyInAnyOrder(
                "bind.strategy", "data.port", "bind.options", "bind.attempts", "bind.collisions", "bind.retries", "bind.backoff.ms",
                "bind.giveups", "connect.failures", "data.connections.opened", "transfers.ok", "transfers.failed",
                "bytes.sent", "bytes.received", "setup.us.p50", "setup.us.p90", "setup.us.p99", "setup.us.max",
                "sessions.active");
        assertThat(Long.parseLong(siteStats(c).get("sessions.active"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void siteStatsResetZeroesCounters() throws IOException {
        FTPClient c = login();
        assertThat(c.retrieveFile("hello.txt", new ByteArrayOutputStream())).as(reply(c)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> Long.parseLong(siteStats(c).get("transfers.ok")) >= 1);
        assertThat(c.sendCommand("SITE", "STATS RESET")).isEqualTo(200);
        Map<String, String> after = siteStats(c);
        assertThat(after.get("transfers.ok")).isEqualTo("0");
        assertThat(after.get("bytes.sent")).isEqualTo("0");
        // The live session count is not a counter and survives the reset.
        assertThat(Long.parseLong(after.get("sessions.active"))).isGreaterThanOrEqualTo(1);
    }

    /** Finding 8 of issue 7: resetting the counters is an admin verb; anonymous and plain accounts get 550. */
    @Test
    void siteStatsResetNeedsAnAdminAccount() throws IOException {
        FTPClient anon = track(ts.login(true, "anonymous", "guest@example.com"));
        assertThat(anon.sendCommand("SITE", "STATS RESET")).isEqualTo(550);
        assertThat(anon.getReplyString()).contains("admin");
        assertThat(anon.sendCommand("SITE", "STATS")).isEqualTo(211);
        try (TestServer plain = new TestServer().with("auth.admin", "false").start()) {
            FTPClient c = track(plain.client(true));
            assertThat(c.sendCommand("SITE", "STATS RESET")).isEqualTo(550);
        }
    }

    // --- transfer parameters

    @Test
    void typeCommand() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("TYPE", "A")).isEqualTo(200);
        assertThat(c.sendCommand("TYPE", "I")).isEqualTo(200);
        assertThat(c.sendCommand("TYPE", "L 8")).isEqualTo(200);
        assertThat(c.sendCommand("TYPE", "a")).isEqualTo(200);
        assertThat(c.sendCommand("TYPE", "E")).isEqualTo(504);
        assertThat(c.sendCommand("TYPE", "L 7")).isEqualTo(504);
        assertThat(c.sendCommand("TYPE", "X")).isEqualTo(501);
    }

    @Test
    void modeCommand() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("MODE", "S")).isEqualTo(200);
        assertThat(c.sendCommand("MODE", "B")).isEqualTo(504);
        assertThat(c.sendCommand("MODE", "C")).isEqualTo(504);
        assertThat(c.sendCommand("MODE", "Z")).isEqualTo(501);
    }

    @Test
    void struCommand() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("STRU", "F")).isEqualTo(200);
        assertThat(c.sendCommand("STRU", "R")).isEqualTo(504);
        assertThat(c.sendCommand("STRU", "P")).isEqualTo(504);
        assertThat(c.sendCommand("STRU", "Z")).isEqualTo(501);
    }

    @Test
    void restCommand() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("REST", "100")).isEqualTo(350);
        assertThat(reply(c)).contains("100");
        assertThat(c.sendCommand("REST", "-1")).isEqualTo(501);
        assertThat(c.sendCommand("REST", "abc")).isEqualTo(501);
    }

    @Test
    void alloAndAcctAre202() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("ALLO", "1000")).isEqualTo(202);
        assertThat(c.sendCommand("ACCT", "billing")).isEqualTo(202);
    }

    @Test
    void utf8FileNamesRoundTrip() throws IOException {
        String name = "dír-ünïcødé-日本";
        FTPClient c = loginUtf8();
        assertThat(c.sendCommand("MKD", name)).as(reply(c)).isEqualTo(257);
        assertThat(reply(c)).contains("\"/" + name + "\"");
        assertThat(Files.isDirectory(ts.root().resolve(name))).isTrue();
        assertThat(c.sendCommand("CWD", name)).isEqualTo(250);
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(reply(c)).startsWith("257 \"/" + name + "\"");
    }
}
