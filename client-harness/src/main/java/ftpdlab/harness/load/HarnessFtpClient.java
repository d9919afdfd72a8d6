package ftpdlab.harness.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * commons-net's client for the control connection, with the harness's own active-mode data
 * connections. commons-net's active path costs a ServerSocket factory, a handful of
 * getsockname calls, buffered and wrapped streams per transfer; this one listens once per
 * transfer on an address learnt at connect and hands back the bare socket.
 */
final class HarnessFtpClient extends FTPClient {

    // learnt once per connection: each getLocalAddress() is a getsockname() system call
    private InetAddress local;
    private InetAddress server;
    private long replyAt1xx = -1;

    @Override
    protected void _connectAction_() throws IOException {
        super._connectAction_();
        local = getLocalAddress();
        server = getRemoteAddress();
    }

    /**
     * Sends {@code verb arg} (RETR, STOR, LIST) and returns its data connection, with the data
     * timeout on its reads, once the server's 1xx came; null when the server refused the PORT,
     * EPRT, PASV or the command itself (the reply code says why).
     *
     * @throws java.net.SocketTimeoutException the server sent 1xx but did not connect within the data timeout
     */
    Socket openData(String verb, String arg) throws IOException {
        replyAt1xx = -1;
        if (getDataConnectionMode() != ACTIVE_LOCAL_DATA_CONNECTION_MODE) {
            // passive: the client connects, and commons-net's path is as lean as ours would be
            Socket s = _openDataConnection_(verb, arg);
            if (s != null) {
                replyAt1xx = System.nanoTime();
            }
            return s;
        }
        try (ActiveDataPort port = ActiveDataPort.open(local, getDataTimeout())) {
            if (!FTPReply.isPositiveCompletion(sendCommand(port.command(), port.argument()))
                    || !FTPReply.isPositivePreliminary(sendCommand(verb, arg))) {
                return null;
            }
            replyAt1xx = System.nanoTime();
            Socket s = port.accept(server);
            try {
                s.setSoTimeout((int) getDataTimeout().toMillis());
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return s;
        }
    }

    /** System.nanoTime() when the last {@link #openData}'s 1xx reply came; -1 when none did. */
    long replyAt1xx() {
        return replyAt1xx;
    }
}
