package ftpdlab.harness.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the load records when a server misbehaves at each step of an active RETR, against a
 * scripted server over real loopback sockets: the failure is on record with the reply code and
 * text (or what came instead), and the next transfer starts a fresh session.
 */
class ServerFaultsTest {

    private static final int TRANSFERS = 3;
    private static final byte[] FILE = "the file\n".repeat(100).getBytes(StandardCharsets.US_ASCII);

    /** What the scripted server does once a client sent PORT and RETR. */
    private enum Fault {
        NONE,
        GARBAGE_FOR_PORT,
        CLOSE_AFTER_150,
        REFUSE_425,
        ABORT_426,
        MULTI_LINE_REPLIES
    }

    private ScriptedServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private List<TransferRecord> load(Fault fault) throws Exception {
        server = new ScriptedServer(fault);
        LoadPlan plan = new LoadPlan("127.0.0.1", server.port(), "u", "p", 1, TRANSFERS, Op.RETR, FILE.length, null,
                Mode.ACTIVE, List.of(), Duration.ofMinutes(1), Duration.ZERO);
        TestContent content = TestContent.ofSize(0);
        List<TransferRecord> records = new LoadRunner(plan, content,
                new LoadSetup.Download("f", new TestContent.Expectation(FILE))).run(r -> { });
        assertThat(records).hasSize(TRANSFERS);
        return records;
    }

    @Test
    void theScriptedServerServesTheFileWhenItBehaves() throws Exception {
        assertThat(load(Fault.NONE)).allSatisfy(r -> {
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.replyText()).isEqualTo("226 Transfer complete.");
        });
    }

    @Test
    void multiLineRepliesAreReadWholeAndTheTransferCompletes() throws Exception {
        assertThat(load(Fault.MULTI_LINE_REPLIES)).allSatisfy(r -> {
            assertThat(r.ok()).as(r.toString()).isTrue();
            assertThat(r.replyCode()).isEqualTo(226);
            assertThat(r.replyText()).isEqualTo("226-Transfer complete.\r\n226 Bye for now.");
        });
    }

    @Test
    void garbageInsteadOfAReplyIsAFailureThatShowsWhatCame() throws Exception {
        assertThat(load(Fault.GARBAGE_FOR_PORT)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isZero();
            assertThat(r.replyText()).isEqualTo("not an FTP reply: HTTP/1.1 400 Bad Request");
            assertThat(r.exception()).isEqualTo("MalformedServerReplyException");
        });
        assertThat(server.sessions()).isEqualTo(TRANSFERS);
    }

    @Test
    void aControlConnectionClosedAfterThe150IsAFailureNotAHang() throws Exception {
        assertThat(load(Fault.CLOSE_AFTER_150)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isZero();
            assertThat(r.replyText()).isEqualTo("the server closed the connection");
            assertThat(r.exception()).isEqualTo("FTPConnectionClosedException");
            assertThat(r.bytes()).isEqualTo(FILE.length);
        });
    }

    @Test
    void a425IsRecordedWithItsCodeAndText() throws Exception {
        assertThat(load(Fault.REFUSE_425)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isEqualTo(425);
            assertThat(r.replyText()).isEqualTo("425 Can't open data connection.");
            assertThat(r.exception()).isNull();
            assertThat(r.to150Ms()).isEqualTo(-1);
        });
        // a refusal is an answer: the session goes on
        assertThat(server.sessions()).isEqualTo(1);
    }

    @Test
    void a426AfterPartOfTheFileIsRecordedWithItsCodeAndTheBytesThatCame() throws Exception {
        assertThat(load(Fault.ABORT_426)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.replyCode()).isEqualTo(426);
            assertThat(r.replyText()).isEqualTo("426 Connection closed; transfer aborted.");
            assertThat(r.exception()).isNull();
            assertThat(r.bytes()).isEqualTo(FILE.length / 2);
        });
    }

    /** An FTP server of a few lines: logs anyone in, then answers PORT and RETR as its fault says. */
    private static final class ScriptedServer implements AutoCloseable {

        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Fault fault;
        private final Thread thread;
        private volatile int sessions;

        ScriptedServer(Fault fault) throws IOException {
            this.fault = fault;
            thread = new Thread(this::serve, "scripted-ftp");
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int sessions() {
            return sessions;
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    sessions++;
                    session(s);
                } catch (IOException e) {
                    // the listener closed (the test ended) or a client went away: the next one, if any
                }
            }
        }

        private void session(Socket s) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            send(out, "220 scripted\r\n");
            int dataPort = -1;
            for (String line; (line = in.readLine()) != null; ) {
                String verb = line.split(" ", 2)[0];
                switch (verb) {
                    case "USER" -> send(out, "331 Password?\r\n");
                    case "PASS" -> send(out, fault == Fault.MULTI_LINE_REPLIES
                            ? "230-Welcome.\r\n230-\r\n230 Logged in.\r\n" : "230 Logged in.\r\n");
                    case "PORT" -> {
                        if (fault == Fault.GARBAGE_FOR_PORT) {
                            send(out, "HTTP/1.1 400 Bad Request\r\n");
                            continue;
                        }
                        String[] f = line.substring(5).split(",");
                        dataPort = Integer.parseInt(f[4]) * 256 + Integer.parseInt(f[5]);
                        send(out, "200 PORT ok.\r\n");
                    }
                    case "RETR" -> {
                        if (!retr(out, dataPort)) {
                            return;
                        }
                    }
                    default -> send(out, "200 OK.\r\n");
                }
            }
        }

        /** One RETR as the fault says; false when the session must end. */
        private boolean retr(OutputStream out, int dataPort) throws IOException {
            if (fault == Fault.REFUSE_425) {
                send(out, "425 Can't open data connection.\r\n");
                return true;
            }
            try (Socket data = new Socket(InetAddress.getLoopbackAddress(), dataPort)) {
                send(out, fault == Fault.MULTI_LINE_REPLIES
                        ? "150-Opening BINARY mode data connection.\r\n150 Here it comes.\r\n" : "150 Opening.\r\n");
                data.getOutputStream().write(FILE, 0, fault == Fault.ABORT_426 ? FILE.length / 2 : FILE.length);
            }
            switch (fault) {
                case CLOSE_AFTER_150 -> {
                    return false;
                }
                case ABORT_426 -> send(out, "426 Connection closed; transfer aborted.\r\n");
                case MULTI_LINE_REPLIES -> send(out, "226-Transfer complete.\r\n226 Bye for now.\r\n");
                default -> send(out, "226 Transfer complete.\r\n");
            }
            return true;
        }

        private static void send(OutputStream out, String reply) throws IOException {
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            listener.close();
            thread.join();
        }
    }
}
