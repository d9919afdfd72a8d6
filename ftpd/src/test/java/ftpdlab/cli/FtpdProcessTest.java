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
import java.util.Map;
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
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FtpdCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        b.environment().putAll(env);
        return b.start();
    }

    /** Finding 13 of issue 7: the signal handlers are installed before the port accepts anyone. */
    @Test
    void aSigtermAsSoonAsThePortAcceptsStopsGracefully() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process p = start("--port", Integer.toString(port));
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1)).until(() -> accepts(port));
            p.destroy(); // SIGTERM at once: on the old start-up order the JVM died with 143
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(read("err.txt")).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Finding 14: the password can stay out of the process list, from an environment variable or a file. */
    @Test
    void thePasswordComesFromTheEnvironmentOrAFile() throws Exception {
        Files.writeString(dir.resolve("pw.txt"), "fromfile\n");
        assertLogsIn(start(Map.of("FTPD_TEST_PW", "fromenv"), "--port", "0", "--user", "bob", "--password-env", "FTPD_TEST_PW"),
                "fromenv");
        assertLogsIn(start("--port", "0", "--user", "bob", "--password-file", "pw.txt"), "fromfile");
        assertOneLineError(start("--port", "0", "--user", "bob", "--password-env", "FTPD_NO_SUCH_VARIABLE"),
                "FTPD_NO_SUCH_VARIABLE");
    }

    private void assertLogsIn(Process p, String password) throws Exception {
        try {
            assertThat(p.info().arguments().map(List::of).orElse(List.of())).doesNotContain(password);
            await().atMost(Duration.ofSeconds(20)).until(() -> BANNER.matcher(read("out.txt")).find());
            Matcher m = BANNER.matcher(read("out.txt"));
            assertThat(m.find()).isTrue();
            FTPClient c = new FTPClient();
            c.connect("127.0.0.1", Integer.parseInt(m.group(1)));
            assertThat(c.login("bob", password)).isTrue();
            c.disconnect();
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
            Files.deleteIfExists(dir.resolve("out.txt"));
        }
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
    void aPortInUseIsOneLineWithItsCauseAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertOneLineError(start("--port", Integer.toString(port)),
                    "ftpd: cannot listen on 127.0.0.1:" + port + ": address already in use");
            assertOneLineError(start("--port", "0", "--metrics-port", Integer.toString(port)),
                    "ftpd: cannot listen for /metrics on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void aRootThatCannotBeMadeIsOneLineWithItsCause() throws Exception {
        assertOneLineError(start("--port", "0", "--root", "/proc/nonexist/x"),
                "ftpd: root /proc/nonexist/x: no such directory");
    }

    @Test
    void aBadBooleanOrDurationListsTheAcceptedForms() throws Exception {
        assertOneLineError(start("--port", "0", "--anonymous=maybe"), "true/false, yes/no or on/off");
        assertOneLineError(start("--port", "0", "--retry-backoff", "5"), "250ms, 5s, 2m, 1h or ISO-8601 PT5S");
    }

    /** Issue 8: SIGHUP reloads the users file; a session logged in before stays, the new password works. */
    @Test
    void aSighupReloadsAChangedPasswordWithoutDroppingASession() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "user.bob.password=" + hash("old") + "\nuser.bob.write=yes\n");
        // --log-level: the test classpath's logback-test.xml logs WARN and above only.
        Process p = start("--port", "0", "--users-file", "users.properties", "--anonymous=no", "--log-level", "info");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> BANNER.matcher(read("out.txt")).find());
            Matcher m = BANNER.matcher(read("out.txt"));
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            FTPClient before = new FTPClient();
            before.connect("127.0.0.1", port);
            assertThat(before.login("bob", "old")).isTrue();

            Files.writeString(users, "user.bob.password=" + hash("new") + "\nuser.bob.write=yes\n");
            hangUp(p);
            await("a reload in the log").atMost(Duration.ofSeconds(20)).until(() -> read("err.txt").contains("reloaded"));
            assertThat(p.isAlive()).isTrue();
            assertThat(before.sendNoOp()).as("the session logged in before the reload").isTrue();
            assertThat(before.makeDirectory("still-bob")).isTrue();
            assertThat(logsIn(port, "old")).isFalse();
            assertThat(logsIn(port, "new")).isTrue();

            // A broken file on reload: logged, and the running accounts stay.
            Files.writeString(users, "user.bob.passwort=new\n");
            hangUp(p);
            await().atMost(Duration.ofSeconds(20)).until(() -> read("err.txt").contains("reload failed"));
            assertThat(read("err.txt")).contains("running configuration kept").contains("user.bob.passwort");
            assertThat(logsIn(port, "new")).isTrue();
            assertThat(before.sendNoOp()).isTrue();
            before.disconnect();

            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    private static String hash(String password) {
        return ftpdlab.auth.PasswordHasher.hash(password.toCharArray(), 1000);
    }

    private static void hangUp(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static boolean logsIn(int port, String password) throws IOException {
        FTPClient c = new FTPClient();
        c.connect("127.0.0.1", port);
        try {
            return c.login("bob", password);
        } finally {
            c.disconnect();
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
