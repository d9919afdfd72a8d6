package ftpdlab.harness.load;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * One load session: commons-net connects and logs in, then the transfers' commands and replies
 * go through a {@link ControlConnection} on the same socket, with the harness's own data
 * connections. commons-net's per-command path (Writer, Reader, a String per line, listeners)
 * and its active path (a ServerSocket factory, a handful of getsockname calls, wrapped streams)
 * were most of the harness's CPU per transfer; this one listens once per transfer on an address
 * learnt at connect and hands back the bare socket.
 */
final class HarnessFtpClient extends FTPClient {

    // commons-net's own: h1,h2,h3,h4,p1,p2 anywhere in the 227 reply
    private static final Pattern PASV = Pattern.compile("\\d{1,3},\\d{1,3},\\d{1,3},\\d{1,3},(\\d{1,3}),(\\d{1,3})");
    private static final Pattern EPSV = Pattern.compile("\\|\\|\\|(\\d{1,5})\\|");

    // learnt once per connection: each getLocalAddress() is a getsockname() system call
    private InetAddress local;
    private InetAddress server;
    private ControlConnection control;
    private long replyAt1xx = -1;

    @Override
    protected void _connectAction_() throws IOException {
        super._connectAction_();
        local = getLocalAddress();
        server = getRemoteAddress();
        // the socket's own streams: commons-net's reader holds nothing once each of its replies is read
        control = new ControlConnection(_input_, _output_);
    }

    /**
     * Sends {@code verb arg} (RETR, STOR, LIST) and returns its data connection, with the data
     * timeout on its reads, once the server's 1xx came; null when the server refused the PORT,
     * EPRT, PASV, EPSV or the command itself (the reply code says why).
     *
     * @throws java.net.SocketTimeoutException the server sent 1xx but did not connect within the data timeout
     */
    Socket openData(String verb, String arg) throws IOException {
        replyAt1xx = -1;
        if (getDataConnectionMode() != ACTIVE_LOCAL_DATA_CONNECTION_MODE) {
            return openPassive(verb, arg);
        }
        try (ActiveDataPort port = ActiveDataPort.open(local, getDataTimeout())) {
            if (!FTPReply.isPositiveCompletion(control.command(port.command(), port.argument()))
                    || !FTPReply.isPositivePreliminary(control.command(verb, arg))) {
                return null;
            }
            replyAt1xx = System.nanoTime();
            return withDataTimeout(port.accept(server));
        }
    }

    /**
     * PASV, or EPSV over IPv6 (as commons-net chooses), then a connect to the port named. Always to
     * the control connection's server, whatever address a 227 names: commons-net's check that the
     * data connection comes from that server would refuse any other anyway.
     */
    private Socket openPassive(String verb, String arg) throws IOException {
        boolean v6 = server instanceof Inet6Address;
        if (!FTPReply.isPositiveCompletion(control.command(v6 ? "EPSV" : "PASV", null))) {
            return null;
        }
        Matcher m = (v6 ? EPSV : PASV).matcher(control.text());
        if (!m.find()) {
            throw new MalformedServerReplyException("no port in the reply to " + (v6 ? "EPSV" : "PASV") + ": "
                    + control.text());
        }
        int port = v6 ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2));
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(server, port), getConnectTimeout());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        if (!FTPReply.isPositivePreliminary(control.command(verb, arg))) {
            s.close();
            return null;
        }
        replyAt1xx = System.nanoTime();
        return withDataTimeout(s);
    }

    private Socket withDataTimeout(Socket s) throws IOException {
        try {
            s.setSoTimeout((int) getDataTimeout().toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Reads the reply that ends a transfer whose data connection is closed; true when it is 2xx. */
    boolean finish() throws IOException {
        return FTPReply.isPositiveCompletion(control.reply());
    }

    /** SIZE {@code name}: the size the server reports, or -1 when it answers otherwise. */
    long sizeOf(String name) throws IOException {
        if (control.command("SIZE", name) != 213) {
            return -1;
        }
        try {
            return Long.parseLong(control.text().substring(3).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** DELE {@code name}; true when the server deleted it. */
    boolean delete(String name) throws IOException {
        return FTPReply.isPositiveCompletion(control.command("DELE", name));
    }

    /** The last reply's code: the load's own once it awaited one, commons-net's during connect and login. */
    int code() {
        return control != null && control.awaited() ? control.code() : getReplyCode();
    }

    /** The last reply's text (or what came instead), stripped; see {@link #code()}. */
    String text() {
        if (control != null && control.awaited()) {
            return control.text();
        }
        String s = getReplyString();
        return s == null ? "" : s.strip();
    }

    /** System.nanoTime() when the last {@link #openData}'s 1xx reply came; -1 when none did. */
    long replyAt1xx() {
        return replyAt1xx;
    }
}
