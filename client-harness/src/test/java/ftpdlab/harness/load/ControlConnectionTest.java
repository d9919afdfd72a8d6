package ftpdlab.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replies as servers send them, over a real loopback connection: the server's side writes the bytes. */
class ControlConnectionTest {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private Socket client;
    private Socket server;
    private OutputStream toClient;
    private Deadline deadline;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(listener.getInetAddress(), listener.getLocalPort());
            server = listener.accept();
        }
        toClient = server.getOutputStream();
        deadline = new Deadline(this::closeClient);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        client.close();
    }

    private void closeClient() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }

    private ControlConnection control() throws IOException {
        return new ControlConnection(client.getInputStream(), client.getOutputStream(), deadline, REPLY_TIMEOUT);
    }

    private void serverSends(String s) throws IOException {
        toClient.write(s.getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
    }

    @Test
    void aOneLineReplyGivesItsCodeAndText() throws Exception {
        ControlConnection c = control();
        assertThat(c.awaited()).isFalse();
        serverSends("200 PORT command successful.\r\n");
        assertThat(c.reply()).isEqualTo(200);
        assertThat(c.code()).isEqualTo(200);
        assertThat(c.text()).isEqualTo("200 PORT command successful.");
        assertThat(c.awaited()).isTrue();
    }

    @Test
    void aMultiLineReplyEndsAtItsCodeAndASpaceWhateverTheLinesBetweenStartWith() throws Exception {
        ControlConnection c = control();
        // RFC 959 asks servers to indent such lines; not all do
        serverSends("150-Opening data connection\r\n226 is not the end\r\n150-nor this\r\n150\tnor a tab\r\n"
                + "150 the end\r\n226 Transfer complete.\r\n");
        assertThat(c.reply()).isEqualTo(150);
        assertThat(c.text()).isEqualTo("150-Opening data connection\r\n226 is not the end\r\n150-nor this\r\n"
                + "150\tnor a tab\r\n150 the end");
        assertThat(c.reply()).isEqualTo(226);
        assertThat(c.text()).isEqualTo("226 Transfer complete.");
    }

    @Test
    void aCodeAloneIsAReplyAndEndsAMultiLineOne() throws Exception {
        ControlConnection c = control();
        serverSends("226\r\n211-status\r\n211\r\n");
        assertThat(c.reply()).isEqualTo(226);
        assertThat(c.text()).isEqualTo("226");
        assertThat(c.reply()).isEqualTo(211);
        assertThat(c.text()).isEqualTo("211-status\r\n211");
    }

    @Test
    void bareLineFeedsEndLinesToo() throws Exception {
        ControlConnection c = control();
        serverSends("250-a\n250 b\n");
        assertThat(c.reply()).isEqualTo(250);
        assertThat(c.text()).isEqualTo("250-a\n250 b");
    }

    @Test
    void aReplySplitAcrossReadsIsPutTogether() throws Exception {
        // every read returns one byte: each line, and each code, arrives in pieces
        InputStream oneByteAtATime = new FilterInputStream(client.getInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        ControlConnection c = new ControlConnection(oneByteAtATime, client.getOutputStream(), deadline, REPLY_TIMEOUT);
        serverSends("213-size follows\r\n213 1024\r\n226 done\r\n");
        assertThat(c.reply()).isEqualTo(213);
        assertThat(c.text()).isEqualTo("213-size follows\r\n213 1024");
        assertThat(c.reply()).isEqualTo(226);
    }

    @Test
    void repliesThatCameInOneReadAreTakenOneAtATime() throws Exception {
        ControlConnection c = control();
        serverSends("200 ok\r\n150 opening\r\n226 done\r\n");
        assertThat(c.reply()).isEqualTo(200);
        assertThat(c.reply()).isEqualTo(150);
        assertThat(c.text()).isEqualTo("150 opening");
        assertThat(c.reply()).isEqualTo(226);
        assertThat(c.text()).isEqualTo("226 done");
    }

    @Test
    void failureRepliesKeepTheirCodeAndText() throws Exception {
        ControlConnection c = control();
        serverSends("425 Can't open data connection: Address already in use.\r\n550-No such file\r\n550 or directory\r\n");
        assertThat(c.reply()).isEqualTo(425);
        assertThat(c.text()).isEqualTo("425 Can't open data connection: Address already in use.");
        assertThat(c.reply()).isEqualTo(550);
        assertThat(c.text()).isEqualTo("550-No such file\r\n550 or directory");
    }

    @Test
    void aLineLongerThanTheBufferIsAMalformedReplyNotAHang() throws Exception {
        ControlConnection c = control();
        serverSends("200 " + "x".repeat(ControlConnection.MAX_REPLY_BYTES) + "\r\n");
        assertThatThrownBy(c::reply).isInstanceOf(MalformedServerReplyException.class)
                .hasMessageStartingWith("a reply longer than 16384 bytes: 200 xxx");
        assertThat(c.code()).isZero();
        assertThat(c.text()).startsWith("a reply longer than 16384 bytes").endsWith("...").hasSizeLessThan(300);
    }

    @Test
    void aMultiLineReplyThatNeverEndsIsBoundedByTheBufferToo() throws Exception {
        ControlConnection c = control();
        serverSends("211-start\r\n" + "211-more\r\n".repeat(ControlConnection.MAX_REPLY_BYTES / 10 + 1));
        assertThatThrownBy(c::reply).isInstanceOf(MalformedServerReplyException.class)
                .hasMessageStartingWith("a reply longer than 16384 bytes");
    }

    @Test
    void theServerClosingWithinAReplyIsAClosedConnectionWithWhatCame() throws Exception {
        ControlConnection c = control();
        serverSends("150-Opening\r\n150-still");
        server.close();
        assertThatThrownBy(c::reply).isInstanceOf(FTPConnectionClosedException.class)
                .hasMessage("the server closed the connection within a reply: 150-Opening??150-still");
        assertThat(c.code()).isZero();
        assertThat(c.text()).isEqualTo("the server closed the connection within a reply: 150-Opening??150-still");
    }

    @Test
    void theServerClosingBeforeAReplyIsAClosedConnection() throws Exception {
        ControlConnection c = control();
        serverSends("200 ok\r\n");
        assertThat(c.reply()).isEqualTo(200);
        server.close();
        assertThatThrownBy(c::reply).isInstanceOf(FTPConnectionClosedException.class)
                .hasMessage("the server closed the connection");
        assertThat(c.code()).isZero();
    }

    @Test
    void aLineThatIsNotAReplyIsMalformed() throws Exception {
        ControlConnection c = control();
        serverSends("HTTP/1.1 400 Bad Request\r\n");
        assertThatThrownBy(c::reply).isInstanceOf(MalformedServerReplyException.class)
                .hasMessage("not an FTP reply: HTTP/1.1 400 Bad Request");
        assertThat(c.code()).isZero();
        assertThat(c.text()).isEqualTo("not an FTP reply: HTTP/1.1 400 Bad Request");
    }

    @Test
    void aTruncatedCodeIsMalformed() throws Exception {
        ControlConnection c = control();
        serverSends("22\r\n");
        assertThatThrownBy(c::reply).isInstanceOf(MalformedServerReplyException.class).hasMessage("not an FTP reply: 22");
    }

    @Test
    void a421KeepsItsCodeAndTextAndSaysTheConnectionIsClosing() throws Exception {
        ControlConnection c = control();
        serverSends("421 Timeout.\r\n");
        assertThatThrownBy(c::reply).isInstanceOf(FTPConnectionClosedException.class)
                .hasMessage("the server is closing the connection: 421 Timeout.");
        assertThat(c.code()).isEqualTo(421);
        assertThat(c.text()).isEqualTo("421 Timeout.");
    }

    @Test
    void aServerThatNeverRepliesTimesOutWhenTheWatchdogClosesTheSocket() throws Exception {
        ControlConnection c = new ControlConnection(client.getInputStream(), client.getOutputStream(), deadline,
                Duration.ofMillis(200));
        try (Watchdog watchdog = new Watchdog(Duration.ofMillis(20), cpu -> { })) {
            watchdog.watch(deadline);
            serverSends("150-Opening\r\n");
            assertThatThrownBy(c::reply).isInstanceOf(SocketTimeoutException.class).hasMessage("no reply within 0.2 s");
        }
        assertThat(deadline.expired()).isTrue();
        assertThat(c.code()).isZero();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void aCommandIsOneLineOfBytes() throws Exception {
        ControlConnection c = control();
        c.send("RETR", "dir/f\u00e9\u20ac.bin");
        c.send("PASV", null);
        byte[] got = server.getInputStream().readNBytes(24);
        // ISO-8859-1 as commons-net by default: a char beyond it is '?'
        assertThat(new String(got, StandardCharsets.ISO_8859_1)).isEqualTo("RETR dir/f\u00e9?.bin\r\nPASV\r\n");
    }

    @Test
    void anArgumentWithALineBreakIsRefusedNotSentAsTwoCommands() throws Exception {
        ControlConnection c = control();
        assertThatThrownBy(() -> c.send("RETR", "a\r\nDELE b")).isInstanceOf(IllegalArgumentException.class);
        c.send("NOOP", null);
        assertThat(new String(server.getInputStream().readNBytes(6), StandardCharsets.ISO_8859_1)).isEqualTo("NOOP\r\n");
    }
}
