package ftpdlab.harness.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

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

    private final ServerSocketChannel listener;
    private final int port;
    private final String command;
    private final String argument;

    private ActiveDataPort(ServerSocketChannel listener, int port, String command, String argument) {
        this.listener = listener;
        this.port = port;
        this.command = command;
        this.argument = argument;
    }

    /**
     * Listens on {@code local} (the control connection's own address, as the server expects),
     * any free port. {@link #accept} blocks until the server connects or the port is closed (by
     * the client's {@link Deadline}).
     */
    static ActiveDataPort open(InetAddress local) throws IOException {
        boolean v6 = local instanceof Inet6Address;
        // the address's own family: no dual-stack socket, so no IPV6_V6ONLY option to set
        ServerSocketChannel s = ServerSocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        int port;
        try {
            s.bind(new InetSocketAddress(local, 0), 1);
            port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        if (v6) {
            // RFC 2428; a zone id means nothing to the server
            String host = local.getHostAddress();
            int zone = host.indexOf('%');
            return new ActiveDataPort(s, port, "EPRT", "|2|" + (zone < 0 ? host : host.substring(0, zone)) + "|" + port + "|");
        }
        // a StringBuilder, not +: each new shape of concatenation spins method handles on first use,
        // a cost every client thread of a short run would share
        StringBuilder arg = new StringBuilder(24);
        for (byte b : local.getAddress()) {
            arg.append(b & 0xff).append(',');
        }
        return new ActiveDataPort(s, port, "PORT", arg.append(port >> 8).append(',').append(port & 0xff).toString());
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
        return port;
    }

    /**
     * The server's data connection, in blocking mode. Only {@code server} may make it: a
     * connection from any other host is closed and refused (what commons-net's remote
     * verification does).
     *
     * @throws java.nio.channels.AsynchronousCloseException the port was closed while it waited
     */
    SocketChannel accept(InetAddress server) throws IOException {
        SocketChannel s = listener.accept();
        InetAddress from = ((InetSocketAddress) s.getRemoteAddress()).getAddress();
        if (!from.equals(server)) {
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
