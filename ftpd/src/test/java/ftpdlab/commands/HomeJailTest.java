package ftpdlab.commands;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.auth.UsersFileDocTest;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a user's home is his root (auth.home-jail, the default), as Apache FtpServer's
 * homedirectory and vsftpd's chroot_local_user. bob is the documented users-file example.
 */
@ExtendWith(NoLeaksExtension.class)
class HomeJailTest {

    @TempDir
    static Path dir;
    private static TestServer ts;

    @BeforeAll
    static void start() throws Exception {
        ts = new TestServer().with("auth.users-file", UsersFileDocTest.exampleFile(dir).toString()).start();
        ts.write("secret.txt", "root only\n".getBytes(StandardCharsets.UTF_8));
        ts.write("bobhome/mine.txt", "bob's\n".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(ts.file("bobhome/up"), ts.file("secret.txt"));
    }

    @AfterAll
    static void stop() {
        ts.close();
    }

    private static WireClient bob() throws Exception {
        return WireClient.connectReady(ts).loginAs("bob", UsersFileDocTest.BOB_PASSWORD);
    }

    @Test
    void bobCannotClimbOutOfHisHome() throws Exception {
        try (WireClient c = bob()) {
            assertThat(c.command("PWD").text()).contains("\"/\"");
            c.expect("CWD ..", 550);
            assertThat(c.command("PWD").text()).contains("\"/\"");
            c.expect("CWD /", 250);
            assertThat(c.command("PWD").text()).contains("\"/\"");
            c.expect("SIZE ../secret.txt", 550);
            c.expect("SIZE /secret.txt", 550);
            c.expect("SIZE up", 550); // a link pointing out of the jail, though inside the server root
            c.expect("TYPE I", 200);
            assertThat(c.command("SIZE mine.txt").text()).isEqualTo("213 6");
        }
    }

    @Test
    void retrAboveTheHomeIsRefusedAndListOfRootShowsTheHome() throws Exception {
        FTPClient c = ts.login(true, "bob", UsersFileDocTest.BOB_PASSWORD);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.retrieveFile("../secret.txt", out)).isFalse();
            assertThat(c.getReplyCode()).isEqualTo(550);
            assertThat(c.retrieveFile("/secret.txt", out)).isFalse();
            assertThat(out.size()).isZero();
            assertThat(c.listNames("/")).containsExactlyInAnyOrder("mine.txt", "up");
            assertThat(c.listNames("..")).isNull();
            assertThat(c.retrieveFile("/mine.txt", out)).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("bob's\n");
        } finally {
            c.disconnect();
        }
    }

    @Test
    void statAndMlstShowPathsRelativeToHisRoot() throws Exception {
        try (WireClient c = bob()) {
            WireClient.Reply stat = c.command("STAT /");
            assertThat(stat.code()).isEqualTo(213);
            assertThat(stat.text()).contains("mine.txt").doesNotContain("secret.txt").doesNotContain("bobhome")
                    .doesNotContain(ts.root().toString());
            WireClient.Reply mlst = c.command("MLST mine.txt");
            assertThat(mlst.code()).isEqualTo(250);
            assertThat(mlst.text()).contains(" /mine.txt").doesNotContain("bobhome");
            c.expect("STAT ..", 550); // the jail has no parent
        }
    }

    @Test
    void withHomeJailOffTheHomeIsOnlyWhereBobStarts() throws Exception {
        try (TestServer open = new TestServer().with("auth.users-file", UsersFileDocTest.exampleFile(dir).toString())
                .with("auth.home-jail", "off").start()) {
            open.write("bobhome/mine.txt", "x".getBytes(StandardCharsets.UTF_8));
            try (WireClient c = WireClient.connectReady(open).loginAs("bob", UsersFileDocTest.BOB_PASSWORD)) {
                assertThat(c.command("PWD").text()).contains("\"/bobhome\"");
                c.expect("CWD ..", 250);
                assertThat(c.command("PWD").text()).contains("\"/\"");
            }
        }
    }
}
