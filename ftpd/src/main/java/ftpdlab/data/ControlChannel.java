package ftpdlab.data;

import ftpdlab.protocol.Reply;
import java.net.InetSocketAddress;

/** What a data transfer needs from the control connection that started it. */
public interface ControlChannel {
    long id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    void reply(Reply reply);

    /** Called once, after the transfer's final reply was queued. */
    void transferEnded(DataTransfer transfer);
}
