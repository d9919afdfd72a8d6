package ftpdlab.protocol;

import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/** Turns {@link Reply} and {@link Replies} objects into UTF-8 bytes on the control connection. */
public final class ReplyEncoder extends ProtocolEncoderAdapter {
    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
        String text = message instanceof Replies batch ? batch.encode() : ((Reply) message).encode();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(IoBuffer.wrap(bytes));
    }
}
