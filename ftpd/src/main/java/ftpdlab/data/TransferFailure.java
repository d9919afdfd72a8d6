package ftpdlab.data;

import ftpdlab.protocol.Reply;
import java.io.IOException;

/** A transfer failure that already knows its reply (451 for a local disk error, 452 for space, ...). */
public final class TransferFailure extends IOException {
    private final transient Reply reply;

    public TransferFailure(Reply reply, Throwable cause) {
        super(reply.firstLine(), cause);
        this.reply = reply;
    }

    public Reply reply() {
        return reply;
    }
}
