package ftpdlab.commands;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.ServerTestTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PWD CWD CDUP MKD RMD and their RFC 775 X-aliases, checked against the disk. */
class DirectoryCommandsTest extends ServerTestTemplate {

    private static String pwd(FTPClient c, String verb) throws IOException {
        assertThat(c.sendCommand(verb)).isEqualTo(257);
        String r = c.getReplyString().trim();
        // RFC 959: 257 "<path>" <text>, with quotes inside the path doubled.
        assertThat(r).matches("257 \"(?:[^\"]|\"\")*\" .*");
        return r.substring(5, r.indexOf("\" ", 5)).replace("\"\"", "\"");
    }

    @Test
    void pwdQuotesThePath() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(c.getReplyString()).startsWith("257 \"/\" ");
    }

    @Test
    void pwdDoublesQuotesInsideThePath() throws IOException {
        Files.createDirectories(ts.file("say \"hi\""));
        FTPClient c = login();
        assertThat(c.sendCommand("CWD", "say \"hi\"")).isEqualTo(250);
        assertThat(c.sendCommand("PWD")).isEqualTo(257);
        assertThat(c.getReplyString()).startsWith("257 \"/say \"\"hi\"\"\" ");
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource({"PWD, CWD, CDUP, MKD, RMD", "XPWD, XCWD, XCUP, XMKD, XRMD"})
    void navigationAndDirectories(String pwdVerb, String cwdVerb, String cdupVerb, String mkdVerb, String rmdVerb)
            throws IOException {
        String base = "nav-" + pwdVerb;
        FTPClient c = login();

        assertThat(c.sendCommand(mkdVerb, base)).as(c.getReplyString()).isEqualTo(257);
        assertThat(c.getReplyString()).contains("\"/" + base + "\"");
        assertThat(Files.isDirectory(ts.file(base))).isTrue();
        assertThat(c.sendCommand(mkdVerb, base)).as("existing").isEqualTo(550);

        assertThat(c.sendCommand(cwdVerb, base)).isEqualTo(250);
        assertThat(pwd(c, pwdVerb)).isEqualTo("/" + base);

        // Relative MKD inside the new cwd, then into it by absolute path.
        assertThat(c.sendCommand(mkdVerb, "sub")).isEqualTo(257);
        assertThat(c.getReplyString()).contains("\"/" + base + "/sub\"");
        assertThat(Files.isDirectory(ts.file(base + "/sub"))).isTrue();
        assertThat(c.sendCommand(cwdVerb, "/" + base + "/sub")).isEqualTo(250);
        assertThat(pwd(c, pwdVerb)).isEqualTo("/" + base + "/sub");

        assertThat(c.sendCommand(cdupVerb)).isEqualTo(250);
        assertThat(pwd(c, pwdVerb)).isEqualTo("/" + base);
        assertThat(c.sendCommand(cdupVerb)).isEqualTo(250);
        assertThat(pwd(c, pwdVerb)).isEqualTo("/");

        assertThat(c.sendCommand(cwdVerb, "missing-" + base)).isEqualTo(550);
        assertThat(pwd(c, pwdVerb)).isEqualTo("/");

        // Not empty: refused, and everything is still there.
        assertThat(c.sendCommand(rmdVerb, base)).isEqualTo(550);
        assertThat(Files.isDirectory(ts.file(base + "/sub"))).isTrue();

        assertThat(c.sendCommand(rmdVerb, base + "/sub")).isEqualTo(250);
        assertThat(Files.exists(ts.file(base + "/sub"))).isFalse();
        assertThat(c.sendCommand(rmdVerb, base)).isEqualTo(250);
        assertThat(Files.exists(ts.file(base))).isFalse();
        assertThat(c.sendCommand(rmdVerb, base)).as("already gone").isEqualTo(550);
    }

    @Test
    void cwdToAFileIs550() throws IOException {
        ts.write("plain.txt", "x".getBytes(StandardCharsets.UTF_8));
        FTPClient c = login();
        assertThat(c.sendCommand("CWD", "plain.txt")).isEqualTo(550);
        assertThat(pwd(c, "PWD")).isEqualTo("/");
    }

    @Test
    void cwdWithDotsNormalizes() throws IOException {
        Files.createDirectories(ts.file("a/b"));
        FTPClient c = login();
        assertThat(c.sendCommand("CWD", "a/./b/../b")).isEqualTo(250);
        assertThat(pwd(c, "PWD")).isEqualTo("/a/b");
        assertThat(c.sendCommand("CWD", "..")).isEqualTo(250);
        assertThat(pwd(c, "PWD")).isEqualTo("/a");
    }

    @Test
    void cdupAtTheRootStaysInside() throws IOException {
        FTPClient c = login();
        int code = c.sendCommand("CDUP");
        assertThat(code).isEqualTo(550);
        assertThat(pwd(c, "PWD")).isEqualTo("/");
    }

    @Test
    void rmdOfAFileIs550AndKeepsIt() throws IOException {
        ts.write("notadir.txt", "x".getBytes(StandardCharsets.UTF_8));
        FTPClient c = login();
        assertThat(c.sendCommand("RMD", "notadir.txt")).isEqualTo(550);
        assertThat(Files.exists(ts.file("notadir.txt"))).isTrue();
    }

    @Test
    void rmdOfTheRootIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("RMD", "/")).isEqualTo(550);
        assertThat(Files.isDirectory(ts.root())).isTrue();
    }

    @Test
    void mkdWithMissingParentIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("MKD", "no-parent/child")).isEqualTo(550);
        assertThat(Files.exists(ts.file("no-parent"))).isFalse();
    }

    @Test
    void mkdQuotesAQuoteInTheName() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("MKD", "q\"d")).isEqualTo(257);
        assertThat(c.getReplyString()).startsWith("257 \"/q\"\"d\" ");
        assertThat(Files.isDirectory(ts.file("q\"d"))).isTrue();
    }
}
