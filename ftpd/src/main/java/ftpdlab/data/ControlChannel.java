package ftpdlab.data;

import ftpdlab.protocol.Reply;
import java.net.InetSocketAddress;

/** What a data transfer needs from the control connection that started it. */
public interface ControlChannel {
    long id();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** The logged-in user's name, for the transfer log. */
    String userName();

    /** Logged in anonymously (the xferlog's access mode). */
    boolean anonymousUser();

    void reply(Reply reply);

    /** Two replies in one write (see {@link ftpdlab.protocol.Replies}). */
    void reply(Reply first, Reply then);

    /**
     * Called once, just before the transfer's final reply is written: commands that arrive from
     * here until {@link #transferEnded} must wait, so none overtakes that reply or meets a
     * transfer that has already answered.
     */
    void beforeFinalReply();

    /** Called once, after the transfer's final reply was queued. */
    void transferEnded(DataTransfer transfer);
}
