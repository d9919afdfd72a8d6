package ftpdlab.commands;

import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A control connection over a plain socket, for tests that need exact bytes on the wire (overlong
 * lines, bare LF, Telnet IAC, pipelining) or must see the server close the connection.
 */
final class RawClient implements AutoCloseable {

    /** One complete reply: its code and every line as received, without CRLF. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects without reading anything; the greeting is the first {@link #reply()}. */
    static RawClient connect(TestServer ts) throws IOException {
        Socket s = new Socket(ts.host(), ts.port());
        s.setSoTimeout(5_000);
        return new RawClient(s);
    }

    /** Connects and reads the greeting, which must be 220. */
    static RawClient connectReady(TestServer ts) throws IOException {
        RawClient c = connect(ts);
        Reply greeting = c.reply();
        if (greeting.code() != 220) {
            c.close();
            throw new IOException("no 220 greeting: " + greeting);
        }
        return c;
    }

    /** Sends the line with CRLF, UTF-8 encoded. */
    RawClient send(String line) throws IOException {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    RawClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a command line and reads its reply. */
    Reply command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Reads one complete reply; a multi-line reply ends at the line "NNN " matching its first "NNN-". */
    Reply reply() throws IOException {
        Reply r = replyOrEof();
        if (r == null) {
            throw new IOException("connection closed before a reply");
        }
        return r;
    }

    /** Every reply until the server closes the connection (each read waits at most the socket timeout). */
    List<Reply> repliesUntilClosed() throws IOException {
        List<Reply> all = new ArrayList<>();
        for (Reply r = replyOrEof(); r != null; r = replyOrEof()) {
            all.add(r);
        }
        return all;
    }

    /** Like {@link #reply()}, but null when the connection ends before a reply starts. */
    Reply replyOrEof() throws IOException {
        String first;
        try {
            first = line();
        } catch (SocketException e) {
            return null;
        }
        if (first == null) {
            return null;
        }
        if (first.length() < 4 || !first.substring(0, 3).chars().allMatch(Character::isDigit)) {
            throw new IOException("not a reply line: " + first);
        }
        List<String> lines = new ArrayList<>();
        lines.add(first);
        if (first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            String l;
            do {
                l = line();
                if (l == null) {
                    throw new IOException("connection closed inside a multi-line reply: " + lines);
                }
                lines.add(l);
            } while (!l.startsWith(end));
        }
        return new Reply(Integer.parseInt(first.substring(0, 3)), lines);
    }

    /** One line without its CRLF, or null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    /**
     * True once the server has closed the connection (end of stream or reset); false if the connection is
     * still open and nothing arrived within a short wait. Bytes that do arrive are an error: the caller
     * expected no more replies.
     */
    boolean closedByServer() throws IOException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(200);
        try {
            int b = in.read();
            if (b == -1) {
                return true;
            }
            throw new IOException("unexpected data from server: " + (char) b + line());
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(saved);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
