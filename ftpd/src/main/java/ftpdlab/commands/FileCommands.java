package ftpdlab.commands;

import ftpdlab.data.AsciiStreams;
import ftpdlab.fs.FsException;
import ftpdlab.fs.ListingFormatter;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.session.TransferType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Operations on single files: DELE RNFR RNTO SIZE MDTM MLST. */
final class FileCommands {

    private static final DateTimeFormatter MDTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private FileCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("DELE", ArgRule.REQUIRED, Access.WRITE, "DELE <sp> file-name", FileCommands::dele);
        b.add("RNFR", ArgRule.REQUIRED, Access.WRITE, "RNFR <sp> file-name", FileCommands::rnfr);
        b.add("RNTO", ArgRule.REQUIRED, Access.WRITE, "RNTO <sp> file-name", FileCommands::rnto);
        b.add("SIZE", ArgRule.REQUIRED, Access.USER, "SIZE <sp> file-name", "SIZE", FileCommands::size);
        b.add("MDTM", ArgRule.REQUIRED, Access.USER, "MDTM <sp> file-name", "MDTM", FileCommands::mdtm);
        b.add("MLST", ArgRule.OPTIONAL, Access.USER, "MLST [<sp> path-name]",
                "MLST type*;size*;modify*;perm*;unique*;", FileCommands::mlst);
    }

    private static Path regularFile(FtpSession s, String arg) throws FsException {
        Path p = s.ctx().fs().resolve(s.cwd(), arg);
        if (!Files.exists(p)) {
            throw new FsException("No such file: " + arg);
        }
        if (!Files.isRegularFile(p)) {
            throw new FsException("Not a regular file: " + arg);
        }
        return p;
    }

    private static void dele(FtpSession s, Command c) throws FsException, IOException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsException("Is a directory; use RMD.");
        }
        Files.delete(p);
        s.reply(ReplyCode.FILE_ACTION_OK, "File deleted.");
    }

    private static void rnfr(FtpSession s, Command c) throws FsException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (p.equals(s.ctx().fs().root())) {
            throw new FsException("Cannot rename the root directory.");
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsException("No such file or directory: " + c.argument());
        }
        s.renameFrom(p);
        s.reply(ReplyCode.PENDING_FURTHER_INFO, "Ready for RNTO.");
    }

    private static void rnto(FtpSession s, Command c) throws FsException, IOException {
        Path from = s.renameFrom();
        s.renameFrom(null);
        if (from == null) {
            s.reply(ReplyCode.BAD_SEQUENCE, "RNFR required first.");
            return;
        }
        Path to = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (to.equals(s.ctx().fs().root()) || Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FsException("Target is a directory: " + c.argument());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        s.reply(ReplyCode.FILE_ACTION_OK, "Rename successful.");
    }

    private static void size(FtpSession s, Command c) throws FsException, IOException {
        Path p = regularFile(s, c.argument());
        long size = s.type() == TransferType.ASCII ? asciiSize(p) : Files.size(p);
        s.reply(ReplyCode.FILE_STATUS, Long.toString(size));
    }

    /**
     * RFC 3659 4: SIZE is the number of octets a RETR would send in the current TYPE. In TYPE A that is
     * the file run through the same line-ending translation as a download.
     */
    private static long asciiSize(Path p) throws IOException {
        long[] count = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        try (OutputStream out = AsciiStreams.toNetwork(counter)) {
            Files.copy(p, out);
        }
        return count[0];
    }

    private static void mdtm(FtpSession s, Command c) throws FsException, IOException {
        Path p = regularFile(s, c.argument());
        s.reply(ReplyCode.FILE_STATUS, MDTM.format(Files.getLastModifiedTime(p).toInstant()));
    }

    private static void mlst(FtpSession s, Command c) throws FsException, IOException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (!Files.exists(p)) {
            throw new FsException("No such file or directory: " + c.argument());
        }
        String virtual = s.ctx().fs().normalize(s.cwd(), c.argument());
        String facts = ListingFormatter.mlsxLine(s.ctx().fs().stat(p), virtual, s.mlstFacts(), s.canWrite(), null);
        s.reply(Reply.multi(ReplyCode.FILE_ACTION_OK, "Listing " + virtual, List.of(facts), "End."));
    }
}
