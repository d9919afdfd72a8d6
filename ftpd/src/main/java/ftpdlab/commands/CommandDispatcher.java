package ftpdlab.commands;

import ftpdlab.fs.FileBusyException;
import ftpdlab.fs.FsException;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.protocol.SafeText;
import ftpdlab.session.FtpSession;
import ftpdlab.session.ReplyGate;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every command against its row of the {@link CommandTable}, answering 500, 501, 502, 503
 * and 530 here, so handlers only do their own work; then maps what handlers throw to replies.
 */
public final class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandTable table;

    public CommandDispatcher(CommandTable table) {
        this.table = table;
    }

    /** A command from the client: run now, or held behind a reply that is still to come (see {@link ReplyGate}). */
    public void dispatch(FtpSession s, Command c) {
        switch (s.gate().offer(c)) {
            case RUN -> execute(s, c);
            case HELD -> { }
            case OVERFLOW -> s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many commands sent ahead; closing."));
        }
    }

    /** Whether {@code c} may run on the I/O thread that read it (see {@link CommandSpec#inline()}). */
    public boolean inline(Command c) {
        if (c.overlong() || c.verb().isEmpty()) {
            return false;
        }
        CommandSpec spec = table.get(c.verb());
        return spec != null && spec.inline();
    }

    /** {@link ReplyGate#RESUME}: the late reply went out; the commands held behind it run, in order. */
    public void resume(FtpSession s) {
        for (Command next = s.gate().next(); next != null; next = s.gate().next()) {
            execute(s, next);
        }
    }

    private void execute(FtpSession s, Command c) {
        if (log.isDebugEnabled()) {
            // Two commands per transfer: cleaning the line for a log that is off is a cost for nothing.
            log.debug("{} cmd={}", s, c.loggable());
        }
        if (s.renameFrom() != null && !c.verb().equals("RNTO")) {
            // RFC 959: RNTO must immediately follow RNFR; any other line in between, even one
            // refused below (unknown verb, bad argument, ...), cancels the pending rename.
            s.renameFrom(null);
        }
        if (!s.loggedIn() && s.countPreLoginCommand() > s.ctx().config().limits().preLoginMaxCommands()) {
            // A client that has not logged in after this many lines is probing, not logging in.
            log.info("{} closed: more than {} commands before login", s, s.ctx().config().limits().preLoginMaxCommands());
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many commands before login; closing connection."));
            return;
        }
        if (c.overlong()) {
            s.reply(ReplyCode.SYNTAX_ERROR, "Command line too long.");
            return;
        }
        if (c.verb().isEmpty()) {
            s.reply(ReplyCode.SYNTAX_ERROR, "Syntax error, command unrecognized.");
            return;
        }
        CommandSpec spec = table.get(c.verb());
        if (spec == null) {
            s.reply(ReplyCode.SYNTAX_ERROR, "Unknown command '" + printable(c.verb()) + "'.");
            return;
        }
        if (spec.handler() == null) {
            s.reply(ReplyCode.NOT_IMPLEMENTED, spec.verb() + " not implemented.");
            return;
        }
        if (s.transferInProgress() && !spec.duringTransfer()) {
            s.reply(ReplyCode.BAD_SEQUENCE, "A transfer is in progress; only ABOR, STAT, NOOP and QUIT are accepted.");
            return;
        }
        if (spec.access() != Access.ANYONE && !s.loggedIn()) {
            s.reply(ReplyCode.NOT_LOGGED_IN, "Please log in with USER and PASS first.");
            return;
        }
        if (spec.arg() == ArgRule.REQUIRED && !c.hasArgument() || spec.arg() == ArgRule.NONE && c.hasArgument()) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax: " + spec.help());
            return;
        }
        String refusal = spec.access().refusal(s);
        if (refusal != null) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, refusal);
            return;
        }
        try {
            spec.handler().handle(s, c);
        } catch (FileBusyException e) {
            // An upload is committing that very name: a transient 4xx, try again, not a refusal.
            s.reply(ReplyCode.FILE_BUSY, e.getMessage());
        } catch (FsException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, SafeText.reason(e, s.fs().root()));
        } catch (NoSuchFileException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, "No such file or directory.");
        } catch (NotDirectoryException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, "Not a directory.");
        } catch (DirectoryNotEmptyException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, "Directory not empty.");
        } catch (FileAlreadyExistsException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, "File exists.");
        } catch (AccessDeniedException e) {
            s.reply(ReplyCode.FILE_UNAVAILABLE, "Permission denied.");
        } catch (IOException e) {
            log.warn("{} cmd={} failed: {}", s, c.loggable(), e.toString());
            // Defence in depth: whatever the file layer put in the message, the real root stays private.
            s.reply(ReplyCode.FILE_UNAVAILABLE, "Requested action not taken: " + SafeText.reason(e, s.fs().root()));
        } catch (RuntimeException e) {
            log.error("{} cmd={} crashed", s, c.loggable(), e);
            s.reply(ReplyCode.LOCAL_ERROR, "Local error in processing.");
        }
    }

    // Reply itself replaces control characters; this only keeps a junk verb short.
    private static String printable(String verb) {
        return verb.length() > 16 ? verb.substring(0, 16) + "..." : verb;
    }
}
