package ftpdlab.harness.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The client's end of one active-mode (PORT/EPRT) transfer: a listening socket the server
 * connects to, and the command that names it.
 *
 * <p>A fresh port per transfer, on purpose. One listener per session reused across transfers
 * would save a socket, bind and listen each time, but every transfer of the session would then
 * have the same four-tuple (server ip, fixed data port, client ip, client port): the server's
 * side, which closes first after a RETR, leaves that tuple in TIME_WAIT, and with TCP
 * timestamps off the kernel refuses the next connect to it (EADDRNOTAVAIL) for 60 s. The
 * harness would then cause the very 425s it is there to measure. Clients have named a new
 * port per transfer ever since RFC 959's default port ran into the same wall.
 */
final class ActiveDataPort implements Closeable {

    private final ServerSocket listener;
    private final String command;
    private final String argument;

    private ActiveDataPort(ServerSocket listener, String command, String argument) {
        this.listener = listener;
        this.command = command;
        this.argument = argument;
    }

    /**
     * Listens on {@code local} (the control connection's own address, as the server expects),
     * any free port; {@link #accept} gives up after {@code acceptTimeout}.
     */
    static ActiveDataPort open(InetAddress local, Duration acceptTimeout) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(local, 0), 1);
            s.setSoTimeout((int) acceptTimeout.toMillis());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        int port = s.getLocalPort();
        if (local instanceof Inet6Address) {
            // RFC 2428; a zone id means nothing to the server
            String host = local.getHostAddress();
            int zone = host.indexOf('%');
            return new ActiveDataPort(s, "EPRT", "|2|" + (zone < 0 ? host : host.substring(0, zone)) + "|" + port + "|");
        }
        byte[] a = local.getAddress();
        return new ActiveDataPort(s, "PORT", (a[0] & 0xff) + "," + (a[1] & 0xff) + "," + (a[2] & 0xff) + ","
                + (a[3] & 0xff) + "," + (port >> 8) + "," + (port & 0xff));
    }

    /** PORT for IPv4, EPRT for IPv6 (as commons-net chooses). */
    String command() {
        return command;
    }

    /** The command's argument naming this port. */
    String argument() {
        return argument;
    }

    int port() {
        return listener.getLocalPort();
    }

    /**
     * The server's data connection. Only {@code server} may make it: a connection from any other
     * host is closed and refused (what commons-net's remote verification does).
     *
     * @throws SocketTimeoutException when none came within the accept timeout
     */
    Socket accept(InetAddress server) throws IOException {
        Socket s = listener.accept();
        if (!s.getInetAddress().equals(server)) {
            InetAddress from = s.getInetAddress();
            s.close();
            throw new IOException("data connection from " + from.getHostAddress() + ", not the server "
                    + server.getHostAddress());
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
