package ftpdlab.harness.observe;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code SITE STATS} over a control connection of its own, so the reading never waits
 * behind, or disturbs, the load's sessions.
 */
public final class ServerStatsReader {

    /** What the caller prints when {@link #read} comes back empty. */
    public static final String NO_STATS_NOTE = "server does not answer SITE STATS; client-side view only";

    private static final Logger log = LoggerFactory.getLogger(ServerStatsReader.class);
    private static final int SYSTEM_STATUS = 211;

    private ServerStatsReader() {
    }

    /**
     * The server's counters, or empty when the server is unreachable, refuses the login, or
     * answers {@code SITE STATS} with anything but 211 (other servers: 500, 501, 502, 530...).
     * Never throws for a network or protocol failure; always disconnects.
     *
     * @param timeout connect timeout and the limit on each reply
     */
    public static Optional<Map<String, String>> read(String host, int port, String user, String password,
            Duration timeout) {
        return read(host, port, null, user, password, timeout);
    }

    /**
     * The same from a given local address: after a load has filled one address's ephemeral ports
     * with TIME_WAIT, a connection from the kernel's default address may find none left.
     */
    public static Optional<Map<String, String>> read(String host, int port, java.net.InetAddress localAddress,
            String user, String password, Duration timeout) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(ms);
        ftp.setDefaultTimeout(ms);
        boolean loggedIn = false;
        try {
            if (localAddress == null) {
                ftp.connect(host, port);
            } else {
                ftp.connect(java.net.InetAddress.getByName(host), port, localAddress, 0);
            }
            ftp.setSoTimeout(ms);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                log.debug("SITE STATS: {}:{} greeted with {}", host, port, ftp.getReplyString());
                return Optional.empty();
            }
            loggedIn = ftp.login(user == null ? "anonymous" : user, password == null ? "" : password);
            if (!loggedIn) {
                log.debug("SITE STATS: login to {}:{} refused: {}", host, port, ftp.getReplyString());
                return Optional.empty();
            }
            int code = ftp.sendCommand("SITE", "STATS");
            if (code != SYSTEM_STATUS) {
                log.debug("SITE STATS: {}:{} answered {}", host, port, ftp.getReplyString());
                return Optional.empty();
            }
            return Optional.of(ServerStats.parse(ftp.getReplyStrings()));
        } catch (IOException | RuntimeException e) {
            log.debug("SITE STATS: {}:{} failed: {}", host, port, e.toString());
            return Optional.empty();
        } finally {
            close(ftp, loggedIn);
        }
    }

    private static void close(FTPClient ftp, boolean loggedIn) {
        if (!ftp.isConnected()) {
            return;
        }
        try {
            if (loggedIn) {
                // A polite QUIT keeps the server's log free of "connection reset" noise.
                ftp.logout();
            }
        } catch (IOException | RuntimeException ignored) {
            // The disconnect below is what matters.
        }
        try {
            ftp.disconnect();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
