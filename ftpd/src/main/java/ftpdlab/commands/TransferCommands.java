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
import ftpdlab.fs.UniqueName;
import ftpdlab.fs.Upload;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.session.TransferType;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), c.argument());
        // Opened once, now: a refusal is a 550 before any data connection, and the transfer reads
        // this very file whatever happens to its path meanwhile (see FileDownload).
        SeekableByteChannel file = fs.openRead(v);
        long size;
        long offset = s.takeRestOffset();
        try {
            size = file.size();
            if (offset > size) {
                throw new FsException("Restart offset " + offset + " is beyond the end of the file.");
            }
        } catch (IOException | FsException e) {
            file.close();
            throw e;
        }
        start(s, new FileDownload(file, size, v, c.argument(), offset, s.type() == TransferType.ASCII));
    }

    private static void store(FtpSession s, String arg, String verb) throws FsException {
        VirtualFileSystem fs = s.fs();
        String v = fs.normalize(s.cwd(), arg);
        Optional<FileEntry> existing = fs.findUploadTarget(v);
        long offset = s.takeRestOffset();
        if (offset > 0 && (existing.isEmpty() || offset > existing.get().size())) {
            // Writing there would leave a hole or put the data at the wrong place, and answer 226.
            throw new FsException("Restart offset " + offset + " is beyond the end of "
                    + VirtualFileSystem.printable(arg) + ".");
        }
        long keep = verb.equals("APPE") ? Upload.APPEND : offset;
        start(s, new FileUpload(fs, verb, v, arg, keep, s.type() == TransferType.ASCII, null));
    }

    private static void stou(FtpSession s, Command c) throws FsException {
        VirtualFileSystem fs = s.fs();
        String base = c.hasArgument() ? c.argument() : "ftpd";
        UniqueName claim = fs.claimUnique(fs.normalize(s.cwd(), base));
        s.takeRestOffset();
        start(s, new FileUpload(fs, "STOU", claim.virtual(), claim.name(), 0, s.type() == TransferType.ASCII, claim));
    }

    private static void listing(FtpSession s, Command c, String verb) throws FsException {
        VirtualFileSystem fs = s.fs();
        String arg = stripListOptions(c.argument());
        String v = fs.normalize(s.cwd(), arg);
        boolean dir = fs.target(v).directory();
        if (verb.equals("MLSD") && !dir) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "MLSD needs a directory; use MLST for a file.");
            return;
        }
        boolean writable = s.canWrite();
        var facts = s.mlstFacts();
        start(s, new ListingDownload(verb, v, () -> {
            // Read again now that the data connection is there: the door judges the path at the moment of use.
            List<FileEntry> entries = dir ? fs.list(v) : List.of(fs.target(v));
            Instant now = Instant.now();
            List<String> lines = new ArrayList<>(entries.size());
            for (FileEntry e : entries) {
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
        s.gate().delay();
        if (s.transfer() == null) {
            s.gate().delivered();
        }
        if (!t.abort()) {
            s.reply(ReplyCode.ABORT_NO_TRANSFER, "No transfer to abort.");
        }
    }
}
