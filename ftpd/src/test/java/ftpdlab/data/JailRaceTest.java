package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7 finding 1, over FTP alone: while one session waits in EPSV with a transfer accepted, a
 * second session swaps the directory on its path for a relative symlink that pointed inside the root
 * where it was, but leads out once moved up a level (RNFR/RNTO). LIST and STOR, which look at the
 * path only now, must refuse; RETR opened its file when the command came (as FreeBSD's ftpd does)
 * and sends that file. None may read, list or write outside the root.
 */
@ExtendWith(NoLeaksExtension.class)
class JailRaceTest {

    private TestServer ts;
    private Path outside;

    @BeforeEach
    void start() throws IOException {
        ts = new TestServer().start();
        // <tmp>/ftpd-test-rootNNN is the root; <tmp>/ftpd-outside-NNN is not.
        outside = Files.createTempDirectory(ts.root().getParent(), "ftpd-outside-");
        Files.writeString(outside.resolve("f.txt"), "SECRET");
        ts.write("d/f.txt", "inside".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(ts.file("a"));
        // In /a this names <root>/<outside's name>, a directory inside the root. Moved to /d, it names outside.
        Files.createDirectories(ts.file(outside.getFileName().toString()));
        Files.createSymbolicLink(ts.file("a/link"), Path.of("../" + outside.getFileName()));
    }

    @AfterEach
    void stop() throws IOException {
        ts.close();
        try (var walk = Files.walk(outside)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Sends {@code command} after EPSV, waits until the server took it, then lets a second session swap /d. */
    private InetSocketAddress acceptedThenSwapped(WireClient f, String command) throws IOException {
        InetSocketAddress a = f.epsv();
        f.send(command);
        // STAT is answered in order, so its reply means the command was checked and is waiting for its connection.
        assertThat(f.command("STAT").text()).contains("in progress");
        try (WireClient other = WireClient.login(ts)) {
            other.expect("RNFR d", 350);
            other.expect("RNTO d-old", 250);
            other.expect("RNFR a/link", 350);
            other.expect("RNTO d", 250);
        }
        assertThat(Files.readString(ts.file("d/f.txt"))).as("the swap leads outside").isEqualTo("SECRET");
        return a;
    }

    /** Connects the data socket, reads what the server sends, and returns it with the transfer's final reply. */
    private static String received(WireClient f, InetSocketAddress a, WireClient.Reply[] end) throws IOException {
        byte[] got;
        try (Socket data = WireClient.connectData(a)) {
            got = data.getInputStream().readAllBytes();
        }
        WireClient.Reply first = f.replyOrEof();
        end[0] = first.code() == 150 ? f.replyOrEof() : first;
        return new String(got, StandardCharsets.UTF_8);
    }

    @Test
    void retrSendsTheFileItOpenedNotWhatThePathLeadsToNow() throws IOException {
        try (WireClient f = WireClient.login(ts)) {
            WireClient.Reply[] end = new WireClient.Reply[1];
            assertThat(received(f, acceptedThenSwapped(f, "RETR d/f.txt"), end)).isEqualTo("inside");
            assertThat(end[0].code()).as(end[0].text()).isEqualTo(226);
        }
    }

    @Test
    void listDoesNotListOutside() throws IOException {
        try (WireClient f = WireClient.login(ts)) {
            WireClient.Reply[] end = new WireClient.Reply[1];
            assertThat(received(f, acceptedThenSwapped(f, "NLST d"), end)).doesNotContain("f.txt");
            assertThat(end[0].code()).as(end[0].text()).isEqualTo(550);
        }
    }

    @Test
    void storDoesNotWriteOutside() throws IOException {
        try (WireClient f = WireClient.login(ts)) {
            InetSocketAddress a = acceptedThenSwapped(f, "STOR d/new.txt");
            try (Socket data = WireClient.connectData(a)) {
                OutputStream out = data.getOutputStream();
                out.write("written".getBytes(StandardCharsets.UTF_8));
                data.shutdownOutput();
                data.getInputStream().readAllBytes();
            } catch (IOException refusedMidWrite) {
                // The server may close the data connection before reading: that is a refusal too.
            }
            WireClient.Reply first = f.replyOrEof();
            WireClient.Reply end = first.code() == 150 ? f.replyOrEof() : first;
            assertThat(end.code()).as(end.text()).isEqualTo(550);
            try (var files = Files.list(outside)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.txt");
            }
        }
    }
}
