package ftpdlab.commands;

import ftpdlab.fs.FsException;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Navigation and directories: PWD CWD CDUP MKD RMD, with RFC 775's X-aliases. */
final class DirectoryCommands {

    private DirectoryCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("PWD", ArgRule.NONE, Access.USER, "PWD (print working directory)",
                (s, c) -> s.reply(ReplyCode.PATH_CREATED, quote(s.cwd()) + " is the current directory."));
        b.add("CWD", ArgRule.REQUIRED, Access.USER, "CWD <sp> path-name", (s, c) -> cwd(s, c.argument()));
        b.add("CDUP", ArgRule.NONE, Access.USER, "CDUP (go to the parent directory)", (s, c) -> cwd(s, ".."));
        b.add("MKD", ArgRule.REQUIRED, Access.WRITE, "MKD <sp> path-name", DirectoryCommands::mkd);
        b.add("RMD", ArgRule.REQUIRED, Access.WRITE, "RMD <sp> path-name", DirectoryCommands::rmd);
        b.alias("XPWD", "PWD");
        b.alias("XCWD", "CWD");
        b.alias("XCUP", "CDUP");
        b.alias("XMKD", "MKD");
        b.alias("XRMD", "RMD");
    }

    /** RFC 959 257 replies quote the path and double any quote inside it. */
    static String quote(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }

    private static void cwd(FtpSession s, String arg) throws FsException {
        String target = s.ctx().fs().normalize(s.cwd(), arg);
        Path p = s.ctx().fs().resolve(s.cwd(), arg);
        if (!Files.isDirectory(p)) {
            throw new FsException("No such directory: " + target);
        }
        s.cwd(target);
        s.reply(ReplyCode.FILE_ACTION_OK, "Directory changed to " + target + ".");
    }

    private static void mkd(FtpSession s, Command c) throws FsException, IOException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        Files.createDirectory(p);
        s.reply(ReplyCode.PATH_CREATED, quote(s.ctx().fs().normalize(s.cwd(), c.argument())) + " created.");
    }

    private static void rmd(FtpSession s, Command c) throws FsException, IOException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (p.equals(s.ctx().fs().root())) {
            throw new FsException("Cannot remove the root directory.");
        }
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FsException("Not a directory.");
        }
        Files.delete(p);
        s.reply(ReplyCode.FILE_ACTION_OK, "Directory removed.");
    }
}
