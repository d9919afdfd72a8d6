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
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** USER/PASS/REIN/QUIT, anonymous access, the login-failure limit and the session limit. */
class LoginTest extends ServerTestTemplate {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @BeforeAll
    static void prepare() {
        ts.write("pub.txt", "public\n".getBytes(StandardCharsets.UTF_8));
        ts.write("dir/keep.txt", "keep\n".getBytes(StandardCharsets.UTF_8));
    }

    private FTPClient connect(TestServer server) throws IOException {
        return track(server.connect());
    }

    @Test
    void userAlwaysAnswers331() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("USER", "alice")).isEqualTo(331);
        assertThat(c.sendCommand("USER", "mallory")).isEqualTo(331);
        assertThat(c.sendCommand("USER", "anonymous")).isEqualTo(331);
        assertThat(c.sendCommand("USER", "ftp")).isEqualTo(331);
    }

    @Test
    void passWithoutUserIs503() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(503);
        assertThat(c.sendCommand("PWD")).isEqualTo(530);
    }

    @Test
    void rightPasswordLogsIn() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("USER", "alice")).isEqualTo(331);
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(230);
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(503);
    }

    @Test
    void wrongPasswordIs530() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("USER", "alice")).isEqualTo(331);
        assertThat(c.sendCommand("PASS", "wrong")).isEqualTo(530);
        assertThat(c.sendCommand("PWD")).isEqualTo(530);
        // The failed PASS used up the USER: a second PASS needs a new USER.
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(503);
        assertThat(c.sendCommand("USER", "alice")).isEqualTo(331);
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(230);
    }

    @Test
    void unknownUserIs530() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("USER", "mallory")).isEqualTo(331);
        assertThat(c.sendCommand("PASS", "secret")).isEqualTo(530);
    }

    @Test
    void tooManyFailuresCloseTheConnection() throws IOException {
        try (TestServer strict = new TestServer().with("limits.max-login-failures", "2").start();
             WireClient raw = WireClient.connectReady(strict)) {
            assertThat(raw.command("USER alice").code()).isEqualTo(331);
            assertThat(raw.command("PASS bad1").code()).isEqualTo(530);
            assertThat(raw.closedByServer()).isFalse();
            assertThat(raw.command("USER alice").code()).isEqualTo(331);
            assertThat(raw.command("PASS bad2").code()).isEqualTo(530);
            await().atMost(CLOSE_WAIT).until(raw::closedByServer);
        }
    }

    @Test
    void pipelinedGuessesCannotExceedTheFailureLimit() throws IOException {
        // RFC 2577: after the limit the session ends; guesses already on the wire must not be tried.
        try (TestServer strict = new TestServer().with("limits.max-login-failures", "2").start();
             WireClient raw = WireClient.connectReady(strict)) {
            raw.send("USER alice").send("PASS bad1").send("USER alice").send("PASS bad2")
                    .send("USER alice").send("PASS secret");
            List<Integer> codes = raw.repliesUntilClosed().stream().map(WireClient.Reply::code).toList();
            assertThat(codes).as("replies to the pipelined login attempts").doesNotContain(230);
            assertThat(codes).startsWith(331).endsWith(530);
        }
    }

    @Test
    void pipelinedCommandAfterFailedLoginIsAnsweredInOrder() throws IOException {
        // Replies must come in command order: the 530 is delayed on a timer (RFC 2577), and NOOP,
        // sent behind it, waits for it rather than overtaking it.
        try (WireClient raw = WireClient.connectReady(ts)) {
            raw.send("USER alice").send("PASS wrong").send("NOOP");
            assertThat(raw.reply().code()).isEqualTo(331);
            assertThat(raw.reply().code()).as("reply to PASS").isEqualTo(530);
            assertThat(raw.reply().code()).as("reply to NOOP").isEqualTo(200);
        }
    }

    @Test
    void anonymousLoginIsReadOnly() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("USER", "anonymous")).isEqualTo(331);
        assertThat(c.sendCommand("PASS", "guest@example.com")).isEqualTo(230);
        assertThat(c.getReplyString()).contains("read-only");
        c.enterLocalPassiveMode();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(c.retrieveFile("pub.txt", out)).as(c.getReplyString()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("public\n");

        assertThat(c.storeFile("upload.txt", new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(c.getReplyCode()).isEqualTo(550);
        assertThat(c.sendCommand("MKD", "newdir")).isEqualTo(550);
        assertThat(c.sendCommand("DELE", "pub.txt")).isEqualTo(550);
        assertThat(c.sendCommand("RMD", "dir")).isEqualTo(550);
        assertThat(c.sendCommand("RNFR", "pub.txt")).isEqualTo(550);
        assertThat(Files.exists(ts.file("upload.txt"))).isFalse();
        assertThat(Files.exists(ts.file("newdir"))).isFalse();
        assertThat(Files.exists(ts.file("pub.txt"))).isTrue();
        assertThat(Files.exists(ts.file("dir/keep.txt"))).isTrue();
    }

    @Test
    void anonymousDisabledIs530() throws IOException {
        try (TestServer closed = new TestServer().with("auth.anonymous", "false").start()) {
            FTPClient c = connect(closed);
            assertThat(c.sendCommand("USER", "anonymous")).isEqualTo(331);
            assertThat(c.sendCommand("PASS", "guest@example.com")).isEqualTo(530);
            assertThat(c.sendCommand("USER", "ftp")).isEqualTo(331);
            assertThat(c.sendCommand("PASS", "guest@example.com")).isEqualTo(530);
            c.disconnect();
        }
    }

    @Test
    void commandsBeforeLoginAre530() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.sendCommand("PWD")).isEqualTo(530);
        assertThat(c.sendCommand("LIST")).isEqualTo(530);
        assertThat(c.sendCommand("RETR", "pub.txt")).isEqualTo(530);
        assertThat(c.sendCommand("CWD", "dir")).isEqualTo(530);
        assertThat(c.sendCommand("STOR", "x")).isEqualTo(530);
        assertThat(c.sendCommand("PASV")).isEqualTo(530);
        assertThat(c.sendCommand("DELE", "pub.txt")).isEqualTo(530);
        assertThat(Files.exists(ts.file("pub.txt"))).isTrue();
        // Commands that need no login still work.
        assertThat(c.sendCommand("NOOP")).isEqualTo(200);
    }

    @Test
    void reinLogsOut() throws IOException {
        FTPClient c = connect(ts);
        assertThat(c.login(TestServer.USER, TestServer.PASSWORD)).isTrue();
        assertThat(c.sendCommand("CWD", "dir")).isEqualTo(250);
        assertThat(c.sendCommand("REIN")).isEqualTo(220);
        assertThat(c.sendCommand("PWD")).isEqualTo(530);
        assertThat(c.login(TestServer.USER, TestServer.PASSWORD)).isTrue();
        // A new login starts at the home directory again.
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(c.getReplyString()).startsWith("257 \"/\"");
    }

    @Test
    void quitIs221AndCloses() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("USER alice").code()).isEqualTo(331);
            assertThat(raw.command("PASS secret").code()).isEqualTo(230);
            assertThat(raw.command("QUIT").code()).isEqualTo(221);
            await().atMost(CLOSE_WAIT).until(raw::closedByServer);
        }
    }

    @Test
    void quitBeforeLoginIs221() throws IOException {
        try (WireClient raw = WireClient.connectReady(ts)) {
            assertThat(raw.command("QUIT").code()).isEqualTo(221);
            await().atMost(CLOSE_WAIT).until(raw::closedByServer);
        }
    }

    @Test
    void sessionLimitTurnsAwayTheThirdConnection() throws IOException {
        try (TestServer small = new TestServer().with("limits.max-sessions", "2").start();
             WireClient first = WireClient.connectReady(small);
             WireClient second = WireClient.connectReady(small)) {
            try (WireClient third = WireClient.connect(small)) {
                WireClient.Reply r = third.reply();
                assertThat(r.code()).isEqualTo(421);
                await().atMost(CLOSE_WAIT).until(third::closedByServer);
            }
            // The first two still work.
            assertThat(first.command("NOOP").code()).isEqualTo(200);
            assertThat(second.command("NOOP").code()).isEqualTo(200);
            // Once one leaves, a new connection is welcome again.
            assertThat(first.command("QUIT").code()).isEqualTo(221);
            await().atMost(CLOSE_WAIT).until(first::closedByServer);
            await().atMost(CLOSE_WAIT).until(() -> {
                try (WireClient again = WireClient.connect(small)) {
                    return again.reply().code() == 220;
                }
            });
        }
    }
}
