package ftpdlab.testing;

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

/** A bare control connection: send any line, read replies one at a time, without a client library's opinions. */
public final class RawControl implements Closeable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public RawControl(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Connects, reads the greeting and logs in. */
    public static RawControl login(TestServer ts) throws IOException {
        RawControl c = new RawControl(ts.host(), ts.port());
        c.expect(220);
        c.send("USER " + TestServer.USER);
        c.expect(331);
        c.send("PASS " + TestServer.PASSWORD);
        c.expect(230);
        return c;
    }

    public void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next complete reply, all its lines; multi-line replies end at "NNN " (RFC 959 4.2). */
    public List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        String first = in.readLine();
        if (first == null) {
            throw new IOException("connection closed");
        }
        lines.add(first);
        if (first.length() > 3 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed inside a multi-line reply");
                }
                lines.add(line);
            } while (!line.startsWith(end));
        }
        return lines;
    }

    public int code() throws IOException {
        return Integer.parseInt(reply().get(0).substring(0, 3));
    }

    /** Reads one reply and fails unless it has this code; returns its first line. */
    public String expect(int code) throws IOException {
        List<String> r = reply();
        if (!r.get(0).startsWith(Integer.toString(code))) {
            throw new AssertionError("expected " + code + " but got " + String.join(" | ", r));
        }
        return r.get(0);
    }

    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
