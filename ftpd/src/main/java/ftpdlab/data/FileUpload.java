package ftpdlab.data;

import ftpdlab.fs.FileBusyException;
import ftpdlab.fs.FsException;
import ftpdlab.fs.UniqueName;
import ftpdlab.fs.Upload;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * STOR, APPE, STOU: opened through the door when the data connection is there, written to a scratch
 * file, and made the file's content in one commit only when the client has sent everything (see
 * {@link Upload}), so a failed or aborted upload never leaves a half-written file under the final
 * name, never harms the old one, and concurrent appends are all kept.
 */
public final class FileUpload implements TransferJob {

    /** The suffix of the door's scratch names, which no command can see or touch. */
    public static final String TEMP_SUFFIX = VirtualFileSystem.SCRATCH_SUFFIX;

    private final VirtualFileSystem fs;
    private final String verb;
    private final String virtual;
    private final String name;
    private final long keep;
    private final boolean ascii;
    private final UniqueName claim;
    private volatile boolean stored;

    /**
     * @param virtual the target's virtual path
     * @param name    as the client wrote it (or the name STOU picked), for the replies
     * @param keep    bytes of the existing file to keep: 0, a REST offset, or {@link Upload#APPEND}
     * @param claim   the name STOU claimed for this upload, removed if it fails; or null
     */
    public FileUpload(VirtualFileSystem fs, String verb, String virtual, String name, long keep, boolean ascii,
                      UniqueName claim) {
        this.fs = fs;
        this.verb = verb;
        this.virtual = virtual;
        this.name = VirtualFileSystem.printable(name);
        this.keep = keep;
        this.ascii = ascii;
        this.claim = claim;
    }

    @Override
    public String openingText() {
        String base = "Opening " + (ascii ? "ASCII" : "BINARY") + " mode data connection";
        return verb.equals("STOU") ? "FILE: " + name : base + " for '" + name + "'.";
    }

    @Override
    public String completeText() {
        return verb.equals("STOU") ? "Transfer complete (unique file name: " + name + ")." : "Transfer complete.";
    }

    @Override
    public long run(DataConnection connection) throws IOException {
        Upload upload;
        try {
            upload = fs.beginUpload(virtual, keep, claim);
        } catch (FsException e) {
            throw new TransferFailure(Reply.of(ReplyCode.FILE_UNAVAILABLE, e.getMessage()), e);
        }
        try (upload) {
            long received = 0;
            OutputStream file = upload.output();
            try (OutputStream disk = ascii ? AsciiStreams.toDisk(file) : file) {
                InputStream in = connection.in();
                byte[] buf = new byte[FileDownload.BUFFER_BYTES];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    try {
                        disk.write(buf, 0, n);
                    } catch (IOException e) {
                        throw local("Error writing " + name + ": " + e.getMessage(), e);
                    }
                    received += n;
                }
                disk.flush();
            }
            try {
                upload.commit();
            } catch (FileBusyException e) {
                throw new TransferFailure(Reply.of(ReplyCode.FILE_BUSY, e.getMessage()), e);
            } catch (FsException e) {
                throw local("Cannot store " + name + ": " + e.getMessage(), e);
            }
            stored = true;
            return received;
        }
    }

    private static TransferFailure local(String what, Exception e) {
        return new TransferFailure(Reply.of(ReplyCode.LOCAL_ERROR, what), e);
    }

    @Override
    public void discard() {
        // An upload that ran has cleaned up after itself; one that never started still holds STOU's name.
        if (claim != null && !stored) {
            fs.releaseClaim(claim);
        }
    }

    @Override
    public Subject subject() {
        return new Subject(verb, virtual, true, true, ascii);
    }
}
