package ftpdlab.data;

import ftpdlab.config.PortRange;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** A PASV/EPSV listener: one per transfer, on the control connection's local address, in the configured port range. */
public final class PassiveListener implements Closeable {

    private final ServerSocket server;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PassiveListener(ServerSocket server, Runnable onClose) {
        this.server = server;
        this.onClose = onClose;
    }

    /**
     * Binds a free port in {@code range} (any free port when null), starting at a random one so
     * sessions spread out; {@code onClose} runs once, on the first close.
     */
    static PassiveListener open(InetAddress local, PortRange range, Runnable onClose) throws IOException {
        if (range == null) {
            return new PassiveListener(bind(local, 0), onClose);
        }
        int start = ThreadLocalRandom.current().nextInt(range.size());
        for (int i = 0; i < range.size(); i++) {
            int port = range.first() + (start + i) % range.size();
            try {
                return new PassiveListener(bind(local, port), onClose);
            } catch (BindException inUse) {
                // Taken by another session: try the next one.
            }
        }
        throw new BindException("no free port in passive range " + range);
    }

    /** From a channel, so the sockets it accepts have one too: a download can then use sendfile. */
    private static ServerSocket bind(InetAddress local, int port) throws IOException {
        ServerSocket s = ServerSocketChannel.open().socket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(local, port), 1);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Waits for the client's data connection. A connection from any address other than the
     * control connection's peer is closed and the wait goes on (it would be someone stealing the data).
     */
    public Socket accept(InetAddress expectedPeer, Duration timeout, boolean allowForeign) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("no data connection within " + timeout.toSeconds() + " s");
            }
            server.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            Socket s = server.accept();
            if (allowForeign || Addresses.same(s.getInetAddress(), expectedPeer)) {
                return s;
            }
            s.close();
        }
    }

    /**
     * The client's data connection if it is already waiting (clients usually connect before they
     * send the transfer command), else null; never waits. A connection from a foreign address is
     * closed, as in {@link #accept}.
     */
    public Socket acceptNow(InetAddress expectedPeer, boolean allowForeign) throws IOException {
        ServerSocketChannel channel = server.getChannel();
        channel.configureBlocking(false);
        try {
            for (SocketChannel c = channel.accept(); c != null; c = channel.accept()) {
                Socket s = c.socket();
                if (allowForeign || Addresses.same(s.getInetAddress(), expectedPeer)) {
                    return s;
                }
                c.close();
            }
            return null;
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
        server.close();
    }
}
