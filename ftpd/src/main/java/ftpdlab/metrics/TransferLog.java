package ftpdlab.metrics;

import ftpdlab.fs.VirtualFileSystem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per transfer, whatever its end (226, 425, 426, 451): to the log (logger
 * {@code ftpdlab.transfer}) always, and for file transfers to an optional file in wu-ftpd's
 * xferlog format, the one vsftpd and ProFTPD write and log tools already read.
 */
public final class TransferLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("ftpdlab.transfer");
    // ctime(3): "Mon Jan  2 15:04:05 2006", the day of the month padded with a space.
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    /** What one transfer did, as the server saw it when its final reply went out. */
    public record Entry(long session, String remoteHost, String user, boolean anonymous, String command,
                        String path, boolean file, boolean upload, boolean ascii, int result, long bytes,
                        long millis, int binds, long backoffMs) {
    }

    private final Path file;
    private final BufferedWriter out;

    private TransferLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** @param xferlog the xferlog file to append to, or null for the log line only */
    public static TransferLog open(Path xferlog) throws IOException {
        if (xferlog == null) {
            return new TransferLog(null, null);
        }
        try {
            return new TransferLog(xferlog, Files.newBufferedWriter(xferlog, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new IOException("xferlog " + xferlog + ": " + e.getMessage(), e);
        }
    }

    /**
     * A completed transfer (226) is a DEBUG line, anything else INFO, a 425 WARN: at thousands of
     * transfers a second, formatting and writing a line each was a tenth of the server's CPU per
     * transfer. --xferlog keeps every file transfer, as vsftpd's and ProFTPD's transfer logs do.
     */
    public void record(Entry e) {
        boolean completed = e.result() == 226;
        if (completed ? log.isDebugEnabled() : log.isInfoEnabled()) {
            String line = "transfer session={} remote={} user={} cmd={} path={} result={} bytes={} ms={} binds={} backoff.ms={}";
            // The user and path are the client's text: control characters must not reach the log as such.
            Object[] args = {e.session(), e.remoteHost(), VirtualFileSystem.printable(e.user()), e.command(),
                    VirtualFileSystem.printable(e.path()), e.result(), e.bytes(),
                    e.millis(), e.binds(), e.backoffMs()};
            if (completed) {
                log.debug(line, args);
            } else if (e.result() == 425) {
                log.warn(line, args);
            } else {
                log.info(line, args);
            }
        }
        if (out != null && e.file()) {
            write(xferlogLine(e, ZonedDateTime.now(ZoneId.systemDefault())));
        }
    }

    /**
     * current-time transfer-time remote-host bytes filename type special-action direction
     * access-mode username service auth-method auth-user-id completion-status.
     */
    static String xferlogLine(Entry e, ZonedDateTime now) {
        return CTIME.format(now)
                + " " + Math.max(1, Math.round(e.millis() / 1000.0))
                + " " + e.remoteHost()
                + " " + e.bytes()
                + " " + field(e.path())
                + " " + (e.ascii() ? 'a' : 'b')
                + " _"
                + " " + (e.upload() ? 'i' : 'o')
                + " " + (e.anonymous() ? 'a' : 'r')
                + " " + field(e.user())
                + " ftp 0 *"
                + " " + (e.result() == 226 ? 'c' : 'i');
    }

    /** The format is split on spaces, so a space or control character in a name becomes '_', as ProFTPD does. */
    private static String field(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c));
        return b.toString();
    }

    private synchronized void write(String line) {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException ex) {
            log.warn("cannot write the xferlog {}: {}", file, ex.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Flushed after every line: nothing is lost.
            }
        }
    }
}
