package ftpdlab.commands;

import ftpdlab.fs.FsException;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;

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
        VirtualFileSystem fs = s.fs();
        String target = fs.normalize(s.cwd(), arg);
        if (!fs.target(target).directory()) {
            throw new FsException("Not a directory: " + VirtualFileSystem.printable(target));
        }
        s.cwd(target);
        s.reply(ReplyCode.FILE_ACTION_OK, "Directory changed to " + VirtualFileSystem.printable(target) + ".");
    }

    private static void mkd(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), c.argument());
        fs.createDirectory(v);
        s.reply(ReplyCode.PATH_CREATED, quote(VirtualFileSystem.printable(v)) + " created.");
    }

    private static void rmd(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        fs.removeDirectory(fs.normalize(s.cwd(), c.argument()));
        s.reply(ReplyCode.FILE_ACTION_OK, "Directory removed.");
    }
}
