package ftpdlab.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Splits the control stream into {@link Command}s: lines end in CRLF or a bare LF, text is UTF-8
 * (RFC 2640). A line longer than the limit is discarded up to its end and handed on as
 * {@link Command#OVERLONG}, so the session answers 500 and stays usable instead of buffering
 * without bound.
 */
public final class FtpLineDecoder extends CumulativeProtocolDecoder {

    private static final AttributeKey DISCARDING = new AttributeKey(FtpLineDecoder.class, "discarding");
    private static final AttributeKey LINE_STARTED = new AttributeKey(FtpLineDecoder.class, "lineStarted");
    private static final int IAC = 0xFF;

    private final int maxLineBytes;

    public FtpLineDecoder(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
        int start = in.position();
        int limit = in.limit();
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                int len = i - start;
                byte[] line = new byte[len];
                in.get(line);
                in.get(); // the LF
                session.removeAttribute(LINE_STARTED);
                if (session.removeAttribute(DISCARDING) != null || len > maxLineBytes) {
                    out.write(Command.OVERLONG);
                } else {
                    out.write(Command.parse(decode(line)));
                }
                return true;
            }
        }
        if (limit > start) {
            // A line has begun and not ended: the server's deadline sweep closes the connection
            // if it stays unfinished too long, so a half line or a trickle cannot hold a slot.
            session.setAttributeIfAbsent(LINE_STARTED, System.nanoTime());
        }
        if (limit - start > maxLineBytes) {
            // No end of line within the limit: drop what we have and remember to drop the rest.
            in.position(limit);
            session.setAttribute(DISCARDING, Boolean.TRUE);
        }
        return false;
    }

    /** When the unfinished line now buffered began ({@link System#nanoTime()}), or null when no line is unfinished. */
    public static Long unfinishedLineSince(IoSession session) {
        return (Long) session.getAttribute(LINE_STARTED);
    }

    /** Strips the trailing CR and Telnet IAC sequences (clients send IAC IP IAC DM before ABOR). */
    static String decode(byte[] line) {
        ByteArrayOutputStream clean = new ByteArrayOutputStream(line.length);
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xFF;
            if (b == IAC) {
                if (i + 1 < line.length && (line[i + 1] & 0xFF) == IAC) {
                    clean.write(IAC);
                }
                i++;
                continue;
            }
            clean.write(b);
        }
        byte[] bytes = clean.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, len))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("REPLACE never throws", e);
        }
    }
}
