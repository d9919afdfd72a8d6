package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.TestServer;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A control connection with nothing between the test and the wire: send a line, read one reply
 * (multi-line aware). For what FTPClient hides or does for you: ABOR mid-transfer, QUIT
 * mid-transfer, reply ordering.
 */
final class RawFtp implements Closeable {

    /** One reply: its code and every line as received. */
    record Reply(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private static final Pattern EPSV = Pattern.compile("^229 .*\\(\\|\\|\\|(\\d{1,5})\\|\\)\\s*$");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String host;

    RawFtp(String host, int port) throws IOException {
        this.host = host;
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        assertThat(read().code()).isEqualTo(220);
    }

    /** Connected and logged in as the read-write user, TYPE I. */
    static RawFtp login(TestServer ts) throws IOException {
        RawFtp f = new RawFtp(ts.host(), ts.port());
        f.expect("USER " + TestServer.USER, 331);
        f.expect("PASS " + TestServer.PASSWORD, 230);
        f.expect("TYPE I", 200);
        return f;
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one complete reply; null once the server has closed the connection. */
    Reply read() throws IOException {
        String first = in.readLine();
        if (first == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        lines.add(first);
        if (first.length() < 4 || !first.substring(0, 3).chars().allMatch(Character::isDigit)) {
            throw new IOException("not a reply line: " + first);
        }
        String code = first.substring(0, 3);
        if (first.charAt(3) == '-') {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed inside a multi-line reply: " + lines);
                }
                lines.add(line);
            } while (!(line.startsWith(code + " ")));
        }
        return new Reply(Integer.parseInt(code), lines);
    }

    Reply cmd(String line) throws IOException {
        send(line);
        return read();
    }

    Reply expect(String line, int code) throws IOException {
        Reply r = cmd(line);
        assertThat(r).as("reply to %s", line).isNotNull();
        assertThat(r.code()).as("reply to %s: %s", line, r).isEqualTo(code);
        return r;
    }

    /** EPSV, then the address to connect the data socket to. */
    InetSocketAddress epsv() throws IOException {
        Reply r = expect("EPSV", 229);
        Matcher m = EPSV.matcher(r.lines().get(0));
        assertThat(m.matches()).as("229 format: %s", r).isTrue();
        return new InetSocketAddress(host, Integer.parseInt(m.group(1)));
    }

    static Socket connectData(InetSocketAddress a) throws IOException {
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
