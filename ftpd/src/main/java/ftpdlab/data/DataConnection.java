package ftpdlab.data;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open data connection as a {@link TransferJob} uses it. Its streams count the bytes they
 * move, so a watchdog can tell a slow transfer from a stalled one: SO_TIMEOUT bounds reads only,
 * and a client that stops reading would otherwise block a download's write for ever.
 */
public final class DataConnection implements Closeable {

    /** Bytes per sendfile call: large enough to cost few calls, small enough to show progress often. */
    private static final long SEND_CHUNK = 4 * 1024 * 1024;

    private final Socket socket;
    private final AtomicLong progress = new AtomicLong();

    DataConnection(Socket socket) {
        this.socket = socket;
    }

    public InputStream in() throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    progress.addAndGet(n);
                }
                return n;
            }
        };
    }

    public OutputStream out() throws IOException {
        return new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                progress.incrementAndGet();
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len);
                progress.addAndGet(len);
            }
        };
    }

    /** True when the socket has a channel for {@link #sendFile}: the server's own sockets have one. */
    boolean canSendFile() {
        return socket.getChannel() != null;
    }

    /**
     * For the blocking moves of a worker: the streams need the channel in blocking mode (the
     * command thread may have tried without blocking first), and a read gives up after {@code timeout}.
     */
    void blocking(Duration timeout) throws IOException {
        SocketChannel ch = socket.getChannel();
        if (ch != null && !ch.isBlocking()) {
            ch.configureBlocking(true);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /**
     * As much of {@code file} from {@code position} to {@code end} as the socket takes without
     * blocking, with sendfile; returns the bytes sent. Stops at {@code end}, at the real end of a
     * file cut shorter meanwhile, or at a full socket buffer.
     */
    long sendFileNow(FileChannel file, long position, long end) throws IOException {
        SocketChannel out = socket.getChannel();
        if (out.isBlocking()) {
            out.configureBlocking(false);
        }
        return sendFile(file, position, end, end - position);
    }

    /**
     * Sends {@code file} from {@code position} to {@code end} with sendfile: the bytes never enter
     * the JVM. In chunks, so the watchdog sees progress; a file cut shorter meanwhile ends the send.
     */
    long sendFile(FileChannel file, long position, long end) throws IOException {
        return sendFile(file, position, end, SEND_CHUNK);
    }

    /** The one sendfile loop: blocking or not is the channel's mode; 0 bytes moved (full buffer, shorter file) ends it. */
    private long sendFile(FileChannel file, long position, long end, long chunk) throws IOException {
        SocketChannel out = socket.getChannel();
        long sent = 0;
        while (position + sent < end) {
            long n = file.transferTo(position + sent, Math.min(chunk, end - position - sent), out);
            if (n <= 0) {
                break;
            }
            sent += n;
            progress.addAndGet(n);
        }
        return sent;
    }

    /** Bytes moved so far, either way. */
    long progress() {
        return progress.get();
    }

    /**
     * Closes the connection from another thread (ABOR, the watchdog) to stop the one moving the
     * data: the shutdown first, because a thread blocked in sendfile is not woken by a close of the
     * socket, only by its shutdown; then the close, which wakes a blocked read or stream write.
     */
    @Override
    public void close() throws IOException {
        try {
            socket.shutdownOutput();
        } catch (IOException notConnectedAnyMore) {
            // Already shut or reset: the close below is all that is left to do.
        }
        socket.close();
    }

    /** Closes the connection once the thread that moved the data is done with it: nobody to wake. */
    void release() {
        DataTransfer.closeQuietly(socket);
    }
}
