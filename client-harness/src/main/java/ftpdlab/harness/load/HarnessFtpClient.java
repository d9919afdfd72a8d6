package ftpdlab.harness.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * One load session: commons-net connects and logs in, then the transfers' commands and replies
 * go through a {@link ControlConnection} on the same socket, with the harness's own data
 * connections. The profile of a 1 KiB RETR put most of the harness's CPU in commons-net's
 * per-command path (Writer, Reader, a String per line, listeners), its active path (a
 * ServerSocket factory, getsockname calls, wrapped streams) and the JDK's timed socket reads
 * (a non-blocking read, a poll and a second read each). Here every socket is a channel in
 * blocking mode and each wait is bounded by the session's {@link Deadline} instead.
 */
final class HarnessFtpClient extends FTPClient {

    // commons-net's own: h1,h2,h3,h4,p1,p2 anywhere in the 227 reply
    private static final Pattern PASV = Pattern.compile("\\d{1,3},\\d{1,3},\\d{1,3},\\d{1,3},(\\d{1,3}),(\\d{1,3})");
    private static final Pattern EPSV = Pattern.compile("\\|\\|\\|(\\d{1,5})\\|");

    private final Deadline deadline = new Deadline(this::closeSockets);
    // learnt once per connection: each getLocalAddress() is a getsockname() system call
    private InetAddress local;
    private InetAddress server;
    private ControlConnection control;
    // what closeSockets() must close, from another thread: the control socket and the current data connection or port
    private volatile Socket controlSocket;
    private volatile Closeable data;
    private SocketChannel dataChannel;
    private long replyAt1xx = -1;

    HarnessFtpClient() {
        setSocketFactory(ChannelSockets.INSTANCE);
    }

    /** The deadline of this session's current wait, for the load's {@link Watchdog}. */
    Deadline deadline() {
        return deadline;
    }

    @Override
    protected void _connectAction_() throws IOException {
        super._connectAction_();
        deadline.reset();
        controlSocket = _socket_;
        local = getLocalAddress();
        server = getRemoteAddress();
        // the socket's own streams: commons-net's reader holds nothing once each of its replies is read
        control = new ControlConnection(_input_, _output_, deadline, Duration.ofMillis(getDefaultTimeout()));
    }

    /**
     * Once logged in: from here the control socket blocks without a timeout (commons-net set
     * one for connect and login) and the deadline bounds each reply.
     */
    void startLoad() throws IOException {
        _socket_.setSoTimeout(0);
    }

    /**
     * Sends {@code verb arg} (RETR, STOR, LIST) and opens its data connection, once the server's
     * 1xx came: then {@link #read} and {@link #write} use it, and {@link #closeData} ends it.
     * False when the server refused the PORT, EPRT, PASV, EPSV or the command itself (the reply
     * code says why).
     *
     * @throws SocketTimeoutException the server sent 1xx but did not connect within the data timeout
     */
    boolean openData(String verb, String arg) throws IOException {
        replyAt1xx = -1;
        if (getDataConnectionMode() != ACTIVE_LOCAL_DATA_CONNECTION_MODE) {
            return openPassive(verb, arg);
        }
        try (ActiveDataPort port = ActiveDataPort.open(local)) {
            data = port;
            if (!FTPReply.isPositiveCompletion(control.command(port.command(), port.argument()))
                    || !FTPReply.isPositivePreliminary(control.command(verb, arg))) {
                return false;
            }
            replyAt1xx = System.nanoTime();
            deadline.arm(getDataTimeout().toNanos());
            try {
                dataChannel = port.accept(server);
            } catch (IOException e) {
                throw timedOut(e, "the server did not connect within " + Deadline.seconds(getDataTimeout().toNanos()));
            } finally {
                deadline.disarm();
            }
            data = dataChannel;
            return true;
        } finally {
            if (dataChannel == null) {
                data = null;
            }
        }
    }

    /**
     * PASV, or EPSV over IPv6 (as commons-net chooses), then a connect to the port named. Always to
     * the control connection's server, whatever address a 227 names: commons-net's check that the
     * data connection comes from that server would refuse any other anyway.
     */
    private boolean openPassive(String verb, String arg) throws IOException {
        boolean v6 = server instanceof Inet6Address;
        if (!FTPReply.isPositiveCompletion(control.command(v6 ? "EPSV" : "PASV", null))) {
            return false;
        }
        Matcher m = (v6 ? EPSV : PASV).matcher(control.text());
        if (!m.find()) {
            throw new MalformedServerReplyException("no port in the reply to " + (v6 ? "EPSV" : "PASV") + ": "
                    + control.text());
        }
        int port = v6 ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2));
        dataChannel = SocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        data = dataChannel;
        deadline.arm(Duration.ofMillis(getConnectTimeout()).toNanos());
        try {
            dataChannel.connect(new InetSocketAddress(server, port));
        } catch (IOException e) {
            closeData();
            throw timedOut(e, "no data connection within " + Deadline.seconds(getConnectTimeout() * 1_000_000L));
        } finally {
            deadline.disarm();
        }
        if (!FTPReply.isPositivePreliminary(control.command(verb, arg))) {
            closeData();
            return false;
        }
        replyAt1xx = System.nanoTime();
        return true;
    }

    /** Reads from the data connection into {@code b}; -1 at its end. */
    int read(ByteBuffer b) throws IOException {
        deadline.arm(getDataTimeout().toNanos());
        try {
            return dataChannel.read(b);
        } catch (IOException e) {
            throw timedOut(e, "no data within " + Deadline.seconds(getDataTimeout().toNanos()));
        } finally {
            deadline.disarm();
        }
    }

    /** Writes all of {@code b} to the data connection. */
    void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            deadline.arm(getDataTimeout().toNanos());
            try {
                dataChannel.write(b);
            } catch (IOException e) {
                throw timedOut(e, "the server took no data for " + Deadline.seconds(getDataTimeout().toNanos()));
            } finally {
                deadline.disarm();
            }
        }
    }

    /** Closes the data connection, if one is open. */
    void closeData() throws IOException {
        SocketChannel c = dataChannel;
        dataChannel = null;
        data = null;
        if (c != null) {
            c.close();
        }
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

    /**
     * Closes the control and data sockets from any thread, so that whatever this session waits
     * on returns at once (an overrun deadline, the run's end, Ctrl-C).
     */
    void closeSockets() {
        for (Closeable c : new Closeable[] {data, controlSocket}) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Closing is all we wanted.
                }
            }
        }
    }

    /** A wait the deadline ended shows as the timeout it is, not as the socket closed under it. */
    private IOException timedOut(IOException e, String message) {
        return deadline.expired() ? new SocketTimeoutException(message) : e;
    }

    /**
     * commons-net's control socket as a channel's socket: once its timeout is off, its reads
     * are plain blocking reads (a java.net.Socket that ever had a timeout polls on every read).
     */
    private static final class ChannelSockets extends SocketFactory {

        static final ChannelSockets INSTANCE = new ChannelSockets();

        @Override
        public Socket createSocket() throws IOException {
            return SocketChannel.open().socket();
        }

        // commons-net's connect asks for an unconnected socket; nothing here asks for the others
        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }
}
