package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PORT, TYPE, NOOP and the like are answered on the I/O thread that read them, the others on the
 * session's command thread. A client that sends many lines at once must still get every answer
 * in order, each computed after the commands before it took effect.
 */
@ExtendWith(NoLeaksExtension.class)
class InlineCommandsTest {

    private TestServer ts;

    @BeforeEach
    void start() {
        ts = new TestServer().start();
        ts.write("lf.txt", "a\nb\n".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        ts.close();
    }

    @Test
    void commandsSentBeforeTheGreetingAreAnsweredAfterIt() throws IOException {
        try (WireClient c = WireClient.connect(ts)) {
            c.sendRaw("NOOP\r\nSYST\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(c.reply().code(), c.reply().code(), c.reply().code(), c.reply().code()))
                    .containsExactly(220, 200, 215, 200);
        }
    }

    /** After the 221 nothing runs, answered or not: a command sent behind QUIT must not touch the server root. */
    @Test
    void nothingRunsAfterTheGoodbye() throws IOException {
        try (WireClient c = WireClient.login(ts)) {
            c.sendRaw("QUIT\r\nNOOP\r\nMKD after-quit\r\nSYST\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.repliesUntilClosed()).extracting(WireClient.Reply::code).containsExactly(221);
        }
        assertThat(ts.root().resolve("after-quit")).doesNotExist();
    }

    /**
     * SIZE runs on a command thread and its answer depends on the TYPE before it (4 bytes in TYPE I,
     * 6 with CRLF in TYPE A): a TYPE that overtook a queued SIZE would show as a wrong size.
     */
    @Test
    void aCheapCommandNeverOvertakesOneQueuedBeforeIt() throws IOException {
        try (WireClient c = WireClient.login(ts)) {
            StringBuilder burst = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean ascii = i % 2 == 0;
                burst.append(ascii ? "TYPE A\r\n" : "TYPE I\r\n").append("SIZE lf.txt\r\nNOOP\r\n");
                expected.add("200");
                expected.add("213 " + (ascii ? 6 : 4));
                expected.add("200");
            }
            c.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> got = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                WireClient.Reply r = c.reply();
                got.add(r.code() == 213 ? r.text().strip() : Integer.toString(r.code()));
            }
            assertThat(got).containsExactlyElementsOf(expected);
        }
    }

    /** Past FtpIoHandler.MAX_INLINE_RUN in a row, commands go through the executor: all still answered, in order. */
    @Test
    void aLongRunOfPipelinedCheapCommandsIsAnsweredInOrder() throws IOException {
        try (WireClient c = WireClient.login(ts)) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 4 * FtpIoHandler.MAX_INLINE_RUN; i++) {
                burst.append(i % 2 == 0 ? "NOOP\r\n" : "SYST\r\n");
            }
            burst.append("SIZE lf.txt\r\n");
            c.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 4 * FtpIoHandler.MAX_INLINE_RUN; i++) {
                assertThat(c.reply().code()).as("reply %d", i).isEqualTo(i % 2 == 0 ? 200 : 215);
            }
            assertThat(c.reply().text()).isEqualTo("213 4");
        }
    }

    @Test
    void pipelinedPortAndRetrStillTransfer() throws IOException {
        try (WireClient c = WireClient.login(ts);
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(ts.host()))) {
            int p = listener.getLocalPort();
            // PORT is answered inline, RETR queued behind it. (A NOOP in the same burst is not part of
            // this test: if the connect were still on its way, the transfer would move to a worker and
            // the NOOP, allowed during a transfer, could be answered before the 150.)
            c.sendRaw(("PORT 127,0,0,1," + (p >> 8) + "," + (p & 0xFF) + "\r\nRETR lf.txt\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (Socket data = listener.accept()) {
                assertThat(data.getInputStream().readAllBytes()).isEqualTo("a\nb\n".getBytes(StandardCharsets.US_ASCII));
            }
            assertThat(List.of(c.reply().code(), c.reply().code(), c.reply().code())).containsExactly(200, 150, 226);
            c.expect("NOOP", 200);
        }
    }
}
