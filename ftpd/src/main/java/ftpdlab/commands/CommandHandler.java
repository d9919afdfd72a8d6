package ftpdlab.commands;

import ftpdlab.fs.FsException;
import ftpdlab.protocol.Command;
import ftpdlab.session.FtpSession;
import java.io.IOException;

/** Does one verb's own work; the checks every verb shares happened before (see {@link CommandDispatcher}). */
@FunctionalInterface
public interface CommandHandler {
    void handle(FtpSession session, Command command) throws IOException, FsException;
}
