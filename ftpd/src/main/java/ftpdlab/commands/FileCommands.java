package ftpdlab.commands;

import ftpdlab.data.AsciiStreams;
import ftpdlab.fs.FileEntry;
import ftpdlab.fs.FsException;
import ftpdlab.fs.ListingFormatter;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.session.TransferType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Operations on single files: DELE RNFR RNTO SIZE MDTM MLST. */
final class FileCommands {

    /**
     * SIZE in TYPE A reads the whole file on a command thread that other sessions share, so above this it
     * is refused, as ProFTPD refuses SIZE in ASCII mode; 1 MiB counts in a few milliseconds. A constant
     * rather than a config key: no operator has asked to tune it.
     */
    static final long ASCII_SIZE_LIMIT = 1024 * 1024;

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

    private static void dele(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        fs.delete(fs.normalize(s.cwd(), c.argument()));
        s.reply(ReplyCode.FILE_ACTION_OK, "File deleted.");
    }

    private static void rnfr(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), c.argument());
        if (v.equals("/")) {
            throw new FsException("Cannot rename the root directory.");
        }
        if (fs.find(v).isEmpty()) {
            throw new FsException("No such file or directory: " + VirtualFileSystem.printable(c.argument()));
        }
        // The session keeps a name, not a handle: RNTO resolves it again through the door.
        s.renameFrom(v);
        s.reply(ReplyCode.PENDING_FURTHER_INFO, "Ready for RNTO.");
    }

    private static void rnto(FtpSession s, Command c) throws FsException {
        String from = s.renameFrom();
        s.renameFrom(null);
        if (from == null) {
            s.reply(ReplyCode.BAD_SEQUENCE, "RNFR required first.");
            return;
        }
        VirtualFileSystem fs = s.fs();
        String to = fs.normalize(s.cwd(), c.argument());
        fs.rename(from, to);
        s.reply(ReplyCode.FILE_ACTION_OK, "Rename successful.");
    }

    private static void size(FtpSession s, Command c) throws FsException, IOException {
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), c.argument());
        FileEntry file = fs.file(v);
        if (s.type() != TransferType.ASCII) {
            s.reply(ReplyCode.FILE_STATUS, Long.toString(file.size()));
        } else if (file.size() > ASCII_SIZE_LIMIT) {
            throw new FsException("SIZE not allowed in ASCII mode for files over " + ASCII_SIZE_LIMIT
                    + " bytes: " + VirtualFileSystem.printable(c.argument()) + " (use TYPE I).");
        } else {
            s.reply(ReplyCode.FILE_STATUS, Long.toString(asciiSize(fs, v)));
        }
    }

    /**
     * RFC 3659 4: SIZE is the number of octets a RETR would send in the current TYPE. In TYPE A that is
     * the file run through the same line-ending translation as a download.
     */
    private static long asciiSize(VirtualFileSystem fs, String v) throws FsException, IOException {
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
        try (InputStream in = Channels.newInputStream(fs.openRead(v));
             OutputStream out = AsciiStreams.toNetwork(counter)) {
            in.transferTo(out);
        }
        return count[0];
    }

    private static void mdtm(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        FileEntry file = fs.file(fs.normalize(s.cwd(), c.argument()));
        s.reply(ReplyCode.FILE_STATUS, MDTM.format(file.modified()));
    }

    private static void mlst(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), c.argument());
        String shown = VirtualFileSystem.printable(v);
        String facts = ListingFormatter.mlsxLine(fs.stat(v), shown, s.mlstFacts(), s.canWrite(), null);
        s.reply(Reply.multi(ReplyCode.FILE_ACTION_OK, "Listing " + shown, List.of(facts), "End."));
    }
}
