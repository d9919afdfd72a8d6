package ftpdlab.protocol;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;

/** Lines in, replies out. */
public final class FtpCodecFactory implements ProtocolCodecFactory {
    /** RFC 959 puts no limit on a line; 4 KiB holds any real path and bounds memory per session. */
    public static final int MAX_LINE_BYTES = 4096;

    private final ReplyEncoder encoder = new ReplyEncoder();

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return new FtpLineDecoder(MAX_LINE_BYTES);
    }
}
