package ftpdlab.data;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * TYPE A line-ending translation (RFC 959 3.1.1.1): stored files use LF, the wire uses CRLF.
 * Both directions are streaming, so a CR split from its LF across two buffers is still handled.
 */
public final class AsciiStreams {

    private AsciiStreams() {
    }

    /** For downloads: every LF not already preceded by CR goes out as CRLF. */
    public static OutputStream toNetwork(OutputStream out) {
        return new FilterOutputStream(out) {
            private int last = -1;

            @Override
            public void write(int b) throws IOException {
                if (b == '\n' && last != '\r') {
                    out.write('\r');
                }
                out.write(b);
                last = b;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) {
                    int prev = i == off ? last : b[i - 1];
                    if (b[i] == '\n' && prev != '\r') {
                        out.write(b, start, i - start);
                        out.write('\r');
                        start = i;
                    }
                }
                out.write(b, start, off + len - start);
                if (len > 0) {
                    last = b[off + len - 1];
                }
            }
        };
    }

    /** For uploads: CRLF becomes LF; a lone CR is kept. */
    public static OutputStream toDisk(OutputStream out) {
        return new FilterOutputStream(out) {
            private boolean pendingCr;

            @Override
            public void write(int b) throws IOException {
                if (pendingCr) {
                    pendingCr = false;
                    if (b != '\n') {
                        out.write('\r');
                    }
                }
                if (b == '\r') {
                    pendingCr = true;
                    return;
                }
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] buf = new byte[len + 1];
                int n = 0;
                for (int i = off; i < off + len; i++) {
                    byte c = b[i];
                    if (pendingCr) {
                        pendingCr = false;
                        if (c != '\n') {
                            buf[n++] = '\r';
                        }
                    }
                    if (c == '\r') {
                        pendingCr = true;
                    } else {
                        buf[n++] = c;
                    }
                }
                out.write(buf, 0, n);
            }

            @Override
            public void close() throws IOException {
                if (pendingCr) {
                    pendingCr = false;
                    out.write('\r');
                }
                super.close();
            }
        };
    }
}
