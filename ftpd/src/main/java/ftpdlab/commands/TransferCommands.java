package ftpdlab.commands;

import ftpdlab.data.DataEndpoint;
import ftpdlab.data.DataTransfer;
import ftpdlab.data.FileDownload;
import ftpdlab.data.FileUpload;
import ftpdlab.data.ListingDownload;
import ftpdlab.data.TransferJob;
import ftpdlab.fs.FileEntry;
import ftpdlab.fs.FsException;
import ftpdlab.fs.ListingFormatter;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.session.TransferType;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything that moves data: LIST NLST MLSD RETR STOR STOU APPE, and ABOR to stop it. */
final class TransferCommands {

    private TransferCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("LIST", ArgRule.OPTIONAL, Access.USER, "LIST [<sp> path-name]", (s, c) -> listing(s, c, "LIST"));
        b.add("NLST", ArgRule.OPTIONAL, Access.USER, "NLST [<sp> path-name]", (s, c) -> listing(s, c, "NLST"));
        b.add("MLSD", ArgRule.OPTIONAL, Access.USER, "MLSD [<sp> path-name]", (s, c) -> listing(s, c, "MLSD"));
        b.add("RETR", ArgRule.REQUIRED, Access.USER, "RETR <sp> file-name", TransferCommands::retr);
        b.add("STOR", ArgRule.REQUIRED, Access.WRITE, "STOR <sp> file-name", (s, c) -> store(s, c.argument(), "STOR"));
        b.add("APPE", ArgRule.REQUIRED, Access.WRITE, "APPE <sp> file-name", (s, c) -> store(s, c.argument(), "APPE"));
        b.add("STOU", ArgRule.OPTIONAL, Access.WRITE, "STOU [<sp> base-name]", TransferCommands::stou);
        b.addDuringTransfer("ABOR", ArgRule.NONE, Access.USER, "ABOR (abort the transfer)", TransferCommands::abor);
    }

    private static void start(FtpSession s, TransferJob job) {
        DataEndpoint endpoint = s.takeEndpoint();
        if (endpoint == null) {
            s.reply(ReplyCode.CANT_OPEN_DATA, "Use PORT, EPRT, PASV or EPSV first.");
            job.discard();
            return;
        }
        DataTransfer t = s.ctx().data().newTransfer(s, job);
        s.transfer(t);
        s.ctx().data().start(t, endpoint);
    }

    private static void retr(FtpSession s, Command c) throws FsException, IOException {
        Path p = s.ctx().fs().resolve(s.cwd(), c.argument());
        if (!Files.exists(p)) {
            throw new FsException("No such file: " + c.argument());
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new FsException("Not a readable regular file: " + c.argument());
        }
        long offset = s.takeRestOffset();
        if (offset > Files.size(p)) {
            throw new FsException("Restart offset " + offset + " is beyond the end of the file.");
        }
        start(s, new FileDownload(p, c.argument(), offset, s.type() == TransferType.ASCII));
    }

    private static void store(FtpSession s, String arg, String verb) throws FsException {
        Path p = s.ctx().fs().resolve(s.cwd(), arg);
        Path parent = p.getParent();
        if (p.equals(s.ctx().fs().root()) || Files.isDirectory(p)) {
            throw new FsException("Is a directory: " + arg);
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new FsException("No such directory for " + arg);
        }
        long offset = s.takeRestOffset();
        if (offset > 0 && (!Files.isRegularFile(p) || offset > sizeOf(p))) {
            // Writing there would leave a hole or put the data at the wrong place, and answer 226.
            throw new FsException("Restart offset " + offset + " is beyond the end of " + arg + ".");
        }
        boolean ascii = s.type() == TransferType.ASCII;
        start(s, new FileUpload(verb, p, arg, offset, verb.equals("APPE"), ascii));
    }

    private static void stou(FtpSession s, Command c) throws FsException, IOException {
        VirtualFileSystem fs = s.ctx().fs();
        String base = c.hasArgument() ? c.argument() : "ftpd";
        Path dir = fs.resolve(s.cwd(), base).getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new FsException("No such directory for " + base);
        }
        // Claim the name by creating it: two STOUs at once must not pick, and then overwrite, the same one.
        for (int i = 0; i < 10_000; i++) {
            String name = i == 0 ? base : base + "." + i;
            Path p = fs.resolve(s.cwd(), name);
            try {
                Files.createFile(p);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            s.takeRestOffset();
            start(s, new FileUpload("STOU", p, name, 0, false, s.type() == TransferType.ASCII, true));
            return;
        }
        throw new FsException("No unique name left for " + base + ".");
    }

    private static long sizeOf(Path p) throws FsException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new FsException("Cannot read " + p.getFileName() + ": " + e.getMessage());
        }
    }

    private static void listing(FtpSession s, Command c, String verb) throws FsException {
        VirtualFileSystem fs = s.ctx().fs();
        String arg = stripListOptions(c.argument());
        Path p = fs.resolve(s.cwd(), arg);
        if (!Files.exists(p)) {
            throw new FsException("No such file or directory: " + arg);
        }
        boolean dir = Files.isDirectory(p);
        if (verb.equals("MLSD") && !dir) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "MLSD needs a directory; use MLST for a file.");
            return;
        }
        boolean writable = s.canWrite();
        var facts = s.mlstFacts();
        start(s, new ListingDownload(verb, arg.isEmpty() ? s.cwd() : arg, () -> {
            List<FileEntry> entries = dir ? fs.list(p) : List.of(fs.stat(p));
            Instant now = Instant.now();
            List<String> lines = new ArrayList<>(entries.size());
            for (FileEntry e : entries) {
                if (e.name().endsWith(FileUpload.TEMP_SUFFIX)) {
                    // An upload in progress is not a file yet.
                    continue;
                }
                lines.add(switch (verb) {
                    case "LIST" -> ListingFormatter.listLine(e, now);
                    case "NLST" -> e.name();
                    default -> ListingFormatter.mlsxLine(e, e.name(), facts, writable, null);
                });
            }
            return lines;
        }));
    }

    /** Clients send ls options (LIST -la); we list the same way whatever they ask. */
    static String stripListOptions(String arg) {
        String a = arg.trim();
        while (a.startsWith("-")) {
            int sp = a.indexOf(' ');
            a = sp < 0 ? "" : a.substring(sp + 1).trim();
        }
        return a;
    }

    private static void abor(FtpSession s, Command c) {
        DataTransfer t = s.transfer();
        if (t == null) {
            s.reply(ReplyCode.ABORT_NO_TRANSFER, "No transfer to abort.");
            return;
        }
        // Commands sent behind ABOR wait for its 426/226, which a worker may send a moment later.
        s.delayingReply();
        if (s.transfer() == null) {
            s.delayedReplySent();
        }
        if (!t.abort()) {
            s.reply(ReplyCode.ABORT_NO_TRANSFER, "No transfer to abort.");
        }
    }
}
