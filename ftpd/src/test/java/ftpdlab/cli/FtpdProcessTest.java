package ftpdlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as users start it: a separate JVM running the command line, with its exit status and output. */
class FtpdProcessTest {

    private static final Pattern BANNER = Pattern.compile("FTP server on 127\\.0\\.0\\.1:(\\d+) .*bind strategy (\\w+) \\(active data from port (\\d+)\\)");

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FtpdCommand.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
    }

    private String read(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }

    private void assertOneLineError(Process p, String expected) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        String err = read("err.txt");
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).startsWith("ftpd: ").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadStrategyIsOneLineAndExitTwo() throws Exception {
        assertOneLineError(start("--port", "0", "--bind-strategy", "magic"), "data.bind-strategy");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() throws Exception {
        assertOneLineError(start("--prot", "21"), "--prot");
    }

    @Test
    void aPortInUseIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertOneLineError(start("--port", Integer.toString(taken.getLocalPort())), "cannot listen");
        }
    }

    @Test
    void anUnknownKeyInTheConfigFileIsOneLineAndExitTwo() throws Exception {
        Files.writeString(dir.resolve("ftpd.properties"), "server.prot=2121\n");
        assertOneLineError(start("--config", "ftpd.properties"), "unknown key 'server.prot'");
    }

    @Test
    void servesWithDefaultsAndStopsCleanlyOnSigterm() throws Exception {
        Process p = start("--port", "0", "--bind-strategy", "retry");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> BANNER.matcher(read("out.txt")).find());
            Matcher m = BANNER.matcher(read("out.txt"));
            assertThat(m.find()).isTrue();
            assertThat(m.group(2)).isEqualTo("retry");
            int port = Integer.parseInt(m.group(1));
            assertThat(Files.readString(dir.resolve("ftp-root/welcome.txt"))).startsWith("Welcome to ftpd-lab.");

            FTPClient c = new FTPClient();
            c.connect("127.0.0.1", port);
            assertThat(c.login("anonymous", "guest@example.com")).isTrue();
            c.setFileType(FTP.BINARY_FILE_TYPE);
            c.enterLocalPassiveMode();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.retrieveFile("welcome.txt", out)).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Welcome to ftpd-lab.");
            c.disconnect();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void hashPasswordMakesAHashThatAUsersFileAccepts() throws Exception {
        Process h = start("hash-password", "--iterations", "1000");
        h.getOutputStream().write("s3cret\n".getBytes(StandardCharsets.UTF_8));
        h.getOutputStream().close();
        assertThat(h.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(h.exitValue()).isZero();
        String hash = read("out.txt").trim();
        assertThat(hash).startsWith("pbkdf2-sha256:1000:");

        Files.writeString(dir.resolve("users.properties"),
                "user.bob.password=" + hash + "\nuser.bob.write=true\n");
        Process p = start("--port", "0", "--users-file", "users.properties", "--anonymous=false");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> BANNER.matcher(read("out.txt")).find());
            Matcher m = BANNER.matcher(read("out.txt"));
            assertThat(m.find()).isTrue();
            FTPClient c = new FTPClient();
            c.connect("127.0.0.1", Integer.parseInt(m.group(1)));
            assertThat(c.login("bob", "wrong")).isFalse();
            assertThat(c.login("bob", "s3cret")).isTrue();
            assertThat(c.makeDirectory("made-by-bob")).isTrue();
            c.disconnect();
            assertThat(dir.resolve("ftp-root/made-by-bob")).isDirectory();
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
