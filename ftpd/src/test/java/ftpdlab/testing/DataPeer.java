package ftpdlab.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The test's end of one data connection, behaving as its {@link DataFault} says. */
public final class DataPeer implements Closeable {

    private static final int TINY_WINDOW = 4096;

    private final DataFault fault;
    private final ServerSocket listener;
    private final Socket held;
    private final int port;
    private Socket socket;

    private DataPeer(DataFault fault, ServerSocket listener, Socket held, int port, Socket socket) {
        this.fault = fault;
        this.listener = listener;
        this.held = held;
        this.port = port;
        this.socket = socket;
    }

    /** Connects to a passive listener (from EPSV or PASV); REFUSE and HOLD_PORT make no sense there. */
    public static DataPeer passive(InetSocketAddress server, DataFault fault) throws IOException {
        if (fault == DataFault.REFUSE || fault == DataFault.HOLD_PORT) {
            throw new IllegalArgumentException(fault + " applies to active mode");
        }
        Socket s = new Socket();
        if (fault == DataFault.STALL) {
            s.setReceiveBufferSize(TINY_WINDOW);
        }
        s.connect(server, 5_000);
        s.setSoTimeout(10_000);
        return new DataPeer(fault, null, null, server.getPort(), afterConnect(s, fault));
    }

    /** A loopback port for PORT/EPRT; the server's connection to it is accepted by {@link #socket()}. */
    public static DataPeer active(TestServer ts, DataFault fault) throws IOException {
        Socket held = null;
        if (fault == DataFault.HOLD_PORT) {
            held = new Socket();
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ts.dataPort()));
        }
        ServerSocket l = new ServerSocket();
        if (fault == DataFault.STALL) {
            l.setReceiveBufferSize(TINY_WINDOW);
        }
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        l.setSoTimeout(10_000);
        int port = l.getLocalPort();
        if (fault == DataFault.REFUSE) {
            l.close();
            l = null;
        }
        return new DataPeer(fault, l, held, port, null);
    }

    private static Socket afterConnect(Socket s, DataFault fault) throws IOException {
        if (fault == DataFault.RESET) {
            s.setSoLinger(true, 0);
            s.close();
        }
        return s;
    }

    public int port() {
        return port;
    }

    /** The EPRT line naming this peer. */
    public String eprt() {
        return "EPRT |1|127.0.0.1|" + port + "|";
    }

    /** The data socket: for an active peer, accepts the server's connection first (and applies the fault). */
    public Socket socket() throws IOException {
        if (socket == null) {
            if (listener == null) {
                throw new IllegalStateException("a " + fault + " peer never connects");
            }
            socket = afterConnect(listener.accept(), fault);
        }
        return socket;
    }

    @Override
    public void close() throws IOException {
        for (Closeable c : new Closeable[] {socket, listener, held}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
