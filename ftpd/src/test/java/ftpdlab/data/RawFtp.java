package ftpdlab.data;

import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * @deprecated use {@link WireClient}, the one raw control connection of the tests. Kept as a thin
 * shim only while TransferTest still names it (to migrate when the branches meet).
 */
@Deprecated
final class RawFtp implements Closeable {

    /** One reply, as {@link WireClient.Reply}. */
    record Reply(int code, java.util.List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private final WireClient c;

    private RawFtp(WireClient c) {
        this.c = c;
    }

    static RawFtp login(TestServer ts) throws IOException {
        return new RawFtp(WireClient.login(ts));
    }

    void send(String line) throws IOException {
        c.send(line);
    }

    Reply read() throws IOException {
        return of(c.replyOrEof());
    }

    Reply cmd(String line) throws IOException {
        return of(c.command(line));
    }

    Reply expect(String line, int code) throws IOException {
        return of(c.expect(line, code));
    }

    InetSocketAddress epsv() throws IOException {
        return c.epsv();
    }

    static Socket connectData(InetSocketAddress a) throws IOException {
        return WireClient.connectData(a);
    }

    private static Reply of(WireClient.Reply r) {
        return r == null ? null : new Reply(r.code(), r.lines());
    }

    @Override
    public void close() throws IOException {
        c.close();
    }
}
