package ftpdlab.harness.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ftp.FTPConnectionClosedException;

/**
 * A logged-in control connection's commands and replies, in bytes: each command goes out as one
 * line in one write, each reply is parsed in place in one buffer the session keeps. commons-net
 * does the same exchange through a Writer, a Reader, a String per line, a list of lines and its
 * listeners; the profile of a 1 KiB RETR showed that path as the largest part of the harness's
 * own CPU, so the load's per-transfer exchange runs here and commons-net keeps connect and login.
 *
 * <p>Replies follow RFC 959: a code and a space (or the code alone) is one line; a code and a
 * hyphen opens a multi-line reply that the first later line with the same code and a space
 * closes, whatever the lines between start with. A reply is bounded in time by the session's
 * {@link Deadline} and in size by the buffer, so a server that stalls, trickles or rambles ends
 * in a failure on record, not a hang. Failures are commons-net's own exceptions, so reports name them as before.
 */
final class ControlConnection {

    /** The longest reply kept: a load's replies are one or two short lines, a greeting at most a few. */
    static final int MAX_REPLY_BYTES = 16 * 1024;
    // what a failure shows of a garbled reply: enough to recognise, short enough for a report
    private static final int SHOWN = 200;

    private final InputStream in;
    private final OutputStream out;
    private final Deadline deadline;
    private final long replyTimeoutNanos;
    private final byte[] buf = new byte[MAX_REPLY_BYTES];
    // bytes received and not yet parsed: [pos, end)
    private int pos;
    private int end;
    private byte[] line = new byte[128];
    // the last reply: its code (0 before the first, or when it failed), its text's end in buf, or the failure
    private int code;
    private int textTo;
    private String failure = "";
    private boolean awaited;

    /**
     * @param in the control socket's input, in blocking mode without a timeout: {@code deadline} bounds each reply
     * @param replyTimeout how long a whole reply may take to come
     */
    ControlConnection(InputStream in, OutputStream out, Deadline deadline, Duration replyTimeout) {
        this.in = in;
        this.out = out;
        this.deadline = deadline;
        this.replyTimeoutNanos = replyTimeout.toNanos();
    }

    /** Sends {@code verb arg} (no argument when {@code arg} is null) and returns the code of its reply. */
    int command(String verb, String arg) throws IOException {
        send(verb, arg);
        return reply();
    }

    /** Writes {@code verb arg} CRLF in one write, each char as one byte (ISO-8859-1, as commons-net by default). */
    void send(String verb, String arg) throws IOException {
        int n = verb.length() + (arg == null ? 0 : 1 + arg.length()) + 2;
        if (n > line.length) {
            line = new byte[n];
        }
        int i = put(verb, 0);
        if (arg != null) {
            line[i++] = ' ';
            i = put(arg, i);
        }
        line[i++] = '\r';
        line[i++] = '\n';
        out.write(line, 0, i);
    }

    private int put(String s, int at) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\r' || c == '\n') {
                // the rest of the argument would be a command of its own
                throw new IllegalArgumentException("a line break in an FTP command: " + s.strip());
            }
            line[at++] = (byte) (c > 0xff ? '?' : c);
        }
        return at;
    }

    /**
     * Reads the next reply and returns its code.
     *
     * @throws FTPConnectionClosedException the server closed the connection before or within the
     *         reply, or replied 421 (it is closing it: the code and text are kept)
     * @throws MalformedServerReplyException a line that is not a reply, or a reply longer than {@link #MAX_REPLY_BYTES}
     * @throws SocketTimeoutException the reply took longer than the reply timeout
     */
    int reply() throws IOException {
        awaited = true;
        deadline.arm(replyTimeoutNanos);
        try {
            code = parse();
        } catch (IOException e) {
            IOException why = deadline.expired()
                    ? new SocketTimeoutException("no reply within " + Deadline.seconds(replyTimeoutNanos)) : e;
            // the reply never came: the record's code is 0 and its text says what came instead
            code = 0;
            failure = why.getMessage();
            throw why;
        } finally {
            deadline.disarm();
        }
        if (code == 421) {
            throw new FTPConnectionClosedException("the server is closing the connection: " + text());
        }
        return code;
    }

    private int parse() throws IOException {
        if (pos == end) {
            pos = 0;
            end = 0;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        int lineEnd = lineEnd(0);
        int first = contentEnd(0, lineEnd);
        int c = first >= 3 ? digits(0) : -1;
        if (c < 0) {
            throw new MalformedServerReplyException("not an FTP reply: " + shown(first));
        }
        int last = first;
        if (first > 3 && buf[3] == '-') {
            int from = lineEnd + 1;
            while (true) {
                lineEnd = lineEnd(from);
                last = contentEnd(from, lineEnd);
                if (last - from >= 3 && digits(from) == c && (last - from == 3 || buf[from + 3] == ' ')) {
                    break;
                }
                from = lineEnd + 1;
            }
        }
        textTo = last;
        pos = lineEnd + 1;
        return c;
    }

    /** Whether a reply was awaited here yet: until then, the session's replies were commons-net's. */
    boolean awaited() {
        return awaited;
    }

    /** The last reply's code; 0 before the first one, or when none came (closed, timed out, not a reply). */
    int code() {
        return code;
    }

    /**
     * The last reply as it came, every line, without the final line break (as commons-net's
     * getReplyString, stripped); when none came, what happened instead.
     */
    String text() {
        return code == 0 ? failure : new String(buf, 0, textTo, StandardCharsets.ISO_8859_1).strip();
    }

    /** The index of the LF that ends the line starting at {@code from}, reading more as needed. */
    private int lineEnd(int from) throws IOException {
        int scanned = from;
        while (true) {
            for (; scanned < end; scanned++) {
                if (buf[scanned] == '\n') {
                    return scanned;
                }
            }
            if (end == buf.length) {
                throw new MalformedServerReplyException("a reply longer than " + buf.length + " bytes: " + shown(end));
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                throw new FTPConnectionClosedException(end == 0 ? "the server closed the connection"
                        : "the server closed the connection within a reply: " + shown(end));
            }
            end += n;
        }
    }

    /** Where the line's text ends: before its CR LF (or a bare LF, which some servers send). */
    private int contentEnd(int from, int lf) {
        return lf > from && buf[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /** The three digits at {@code at} as a number; -1 when they are not three digits. */
    private int digits(int at) {
        int v = 0;
        for (int k = at; k < at + 3; k++) {
            int d = buf[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The reply's first {@code to} bytes for a failure's message: at most {@link #SHOWN}, control characters as '?'. */
    private String shown(int to) {
        int n = Math.min(to, SHOWN);
        char[] c = new char[n];
        for (int k = 0; k < n; k++) {
            int b = buf[k] & 0xff;
            c[k] = b < 0x20 || b == 0x7f ? '?' : (char) b;
        }
        return new String(c) + (to > SHOWN ? "..." : "");
    }
}
