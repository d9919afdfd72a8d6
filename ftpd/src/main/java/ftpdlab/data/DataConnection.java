package ftpdlab.data;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open data connection as a {@link TransferJob} uses it. Its streams count the bytes they
 * move, so a watchdog can tell a slow transfer from a stalled one: SO_TIMEOUT bounds reads only,
 * and a client that stops reading would otherwise block a download's write for ever.
 */
public final class DataConnection {

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

    /** Bytes moved so far, either way. */
    long progress() {
        return progress.get();
    }
}
