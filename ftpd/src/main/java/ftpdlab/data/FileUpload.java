package ftpdlab.data;

import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * STOR, APPE, STOU: the data goes to a temporary file beside the target and is renamed over it
 * only when the client has sent everything, so a failed or aborted upload never leaves a
 * half-written file under the final name and never harms the old one.
 */
public final class FileUpload implements TransferJob {

    public static final String TEMP_SUFFIX = ".ftpd-part";

    private final String verb;
    private final Path target;
    private final String name;
    private final long offset;
    private final boolean append;
    private final boolean ascii;
    private final boolean reserved;
    private volatile Path temp;
    private volatile boolean stored;

    /**
     * @param offset REST offset: keep that many bytes of the existing file, then write
     * @param append APPE: keep the whole existing file, then write
     */
    public FileUpload(String verb, Path target, String name, long offset, boolean append, boolean ascii) {
        this(verb, target, name, offset, append, ascii, false);
    }

    /**
     * @param reserved the target is an empty file STOU created to claim its name; it goes away
     *                 if the upload fails
     */
    public FileUpload(String verb, Path target, String name, long offset, boolean append, boolean ascii,
                      boolean reserved) {
        this.reserved = reserved;
        this.verb = verb;
        this.target = target;
        this.name = name;
        this.offset = offset;
        this.append = append;
        this.ascii = ascii;
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
    public boolean upload() {
        return true;
    }

    @Override
    public long run(DataConnection connection) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName(), TEMP_SUFFIX);
            if ((append || offset > 0) && Files.exists(target)) {
                copyPrefix(append ? Long.MAX_VALUE : offset);
            }
        } catch (IOException e) {
            throw local("Cannot create " + name, e);
        }
        long received = 0;
        try (FileChannel file = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             OutputStream disk = ascii ? AsciiStreams.toDisk(Channels.newOutputStream(file)) : Channels.newOutputStream(file)) {
            InputStream in = connection.in();
            byte[] buf = new byte[FileDownload.BUFFER_BYTES];
            int n;
            while ((n = in.read(buf)) >= 0) {
                try {
                    disk.write(buf, 0, n);
                } catch (IOException e) {
                    throw local("Error writing " + name, e);
                }
                received += n;
            }
            disk.flush();
        }
        try {
            keepPermissions();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            stored = true;
        } catch (IOException e) {
            throw local("Cannot store " + name, e);
        }
        return received;
    }

    /**
     * A temporary file is created owner-only; the stored file gets the permissions of the file it
     * replaces, or the usual rw-r--r-- for a new one.
     */
    private void keepPermissions() {
        try {
            Files.setPosixFilePermissions(temp, Files.exists(target) && !reserved
                    ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Not a POSIX file system: its defaults stand.
        }
    }

    private void copyPrefix(long limit) throws IOException {
        try (FileChannel src = FileChannel.open(target, StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            long n = Math.min(limit, src.size());
            long done = 0;
            while (done < n) {
                done += src.transferTo(done, n - done, dst);
            }
        }
    }

    private TransferFailure local(String what, IOException e) {
        return new TransferFailure(Reply.of(ReplyCode.LOCAL_ERROR, what + ": " + e.getMessage()), e);
    }

    @Override
    public void discard() {
        if (reserved && !stored) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // An empty file left under a unique name harms nothing.
            }
        }
        Path t = temp;
        if (t != null) {
            try {
                Files.deleteIfExists(t);
            } catch (IOException ignored) {
                // Nothing more can be done; the name ends in TEMP_SUFFIX and is easy to spot.
            }
            temp = null;
        }
    }

    @Override
    public String describe() {
        return verb + " " + name;
    }
}
