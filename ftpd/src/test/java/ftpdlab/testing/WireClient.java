package ftpdlab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one raw control connection of the tests: exact bytes on the wire (overlong lines, bare LF,
 * Telnet IAC, urgent data, pipelining), one reply at a time, and one meaning of "closed by the
 * server". For what a client library hides; data-connection faults are {@link DataFault}s.
 */
public final class WireClient implements Closeable {

    /** One complete reply: its code and every line as received, without CRLF. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private static final Pattern EPSV = Pattern.compile("^229 .*\\(\\|\\|\\|(\\d{1,5})\\|\\)\\s*$");
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects without reading anything; the greeting is the first {@link #reply()}. */
    public static WireClient connect(TestServer ts) throws IOException {
        return connect(ts, null);
    }

    /** Connects from {@code local} (a loopback address like 127.0.0.7, for per-address limits), or any when null. */
    public static WireClient connect(TestServer ts, InetAddress local) throws IOException {
        Socket s = new Socket();
        if (local != null) {
            s.bind(new InetSocketAddress(local, 0));
        }
        s.connect(new InetSocketAddress(ts.host(), ts.port()), 5_000);
        s.setSoTimeout(10_000);
        return new WireClient(s);
    }

    /** 127.0.0.{@code last}: a loopback source address, so one machine can play many clients for per-address limits. */
    public static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when nothing listens at {@code a} any more (connection refused). */
    public static boolean refuses(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 1_000);
            return false;
        } catch (java.net.ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Connects and reads the greeting, which must be 220. */
    public static WireClient connectReady(TestServer ts) throws IOException {
        WireClient c = connect(ts);
        c.expect(220);
        return c;
    }

    /** Connected and logged in as the read-write user, TYPE I. */
    public static WireClient login(TestServer ts) throws IOException {
        WireClient c = connectReady(ts);
        c.loginAs(TestServer.USER, TestServer.PASSWORD);
        c.expect("TYPE I", 200);
        return c;
    }

    /** USER and PASS, expecting 331 then 230. */
    public WireClient loginAs(String user, String password) throws IOException {
        expect("USER " + user, 331);
        expect("PASS " + password, 230);
        return this;
    }

    /** Sends the line with CRLF, UTF-8 encoded. */
    public WireClient send(String line) throws IOException {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public WireClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One byte of TCP urgent data (Telnet's synch, sent before ABOR). */
    public WireClient sendUrgent(int b) throws IOException {
        socket.sendUrgentData(b);
        return this;
    }

    /** Sends a command line and reads its reply. */
    public Reply command(String line) throws IOException {
        send(line);
        return reply();
    }

    /** Sends a command line; its reply must have this code. */
    public Reply expect(String line, int code) throws IOException {
        Reply r = command(line);
        assertThat(r.code()).as("reply to %s: %s", line, r).isEqualTo(code);
        return r;
    }

    /** Reads the next reply; it must have this code. */
    public Reply expect(int code) throws IOException {
        Reply r = reply();
        assertThat(r.code()).as("reply %s", r).isEqualTo(code);
        return r;
    }

    /** Reads one complete reply; a multi-line reply ends at the line "NNN " matching its first "NNN-". */
    public Reply reply() throws IOException {
        Reply r = replyOrEof();
        if (r == null) {
            throw new IOException("connection closed before a reply");
        }
        return r;
    }

    /** Like {@link #reply()}, but null when the connection ends (or is reset) before a reply starts. */
    public Reply replyOrEof() throws IOException {
        String first;
        try {
            first = line();
        } catch (SocketException e) {
            return null;
        }
        if (first == null) {
            return null;
        }
        if (first.length() < 4 || !first.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')) {
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

    /** Every reply until the server closes the connection (each read waits at most the socket timeout). */
    public List<Reply> repliesUntilClosed() throws IOException {
        List<Reply> all = new ArrayList<>();
        for (Reply r = replyOrEof(); r != null; r = replyOrEof()) {
            all.add(r);
        }
        return all;
    }

    /** One line without its CRLF, or null at end of stream. */
    public String line() throws IOException {
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
     * The one meaning of "closed by the server" in the tests: true once the server has closed the
     * connection (end of stream or reset); false if it is still open and nothing arrived within a
     * short wait, so it suits Awaitility's until(). Bytes that do arrive are an error: the caller
     * expected no more replies.
     */
    public boolean closedByServer() throws IOException {
        if (socket.isClosed()) {
            throw new IllegalStateException("closed by the test, not the server");
        }
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

    public WireClient timeout(Duration d) throws IOException {
        socket.setSoTimeout((int) d.toMillis());
        return this;
    }

    /** EPSV, then the address to connect the data socket to. */
    public InetSocketAddress epsv() throws IOException {
        Reply r = expect("EPSV", 229);
        Matcher m = EPSV.matcher(r.lines().get(0));
        assertThat(m.matches()).as("229 format: %s", r).isTrue();
        return new InetSocketAddress(socket.getInetAddress(), Integer.parseInt(m.group(1)));
    }

    /** PASV, then the address it announced. */
    public InetSocketAddress pasv() throws IOException {
        Reply r = expect("PASV", 227);
        Matcher m = PASV.matcher(r.lines().get(0));
        assertThat(m.find()).as("227 format: %s", r).isTrue();
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        return new InetSocketAddress(host, Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
    }

    /** A well-behaved data connection to a passive listener. */
    public static Socket connectData(InetSocketAddress a) throws IOException {
        Socket s = new Socket();
        s.connect(a, 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
