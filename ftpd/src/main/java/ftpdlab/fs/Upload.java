package ftpdlab.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One upload through the door: the client's bytes go to a scratch file in the target's directory
 * (through that directory's handle, so renaming the directory meanwhile takes the upload along), and
 * {@link #commit} puts the result under the target name with one atomic rename. The old file is never
 * touched before the commit, and a crash leaves only a scratch file, which the next start removes.
 *
 * <p>The file's new content is decided at commit time, under the entry's lock: for APPE the file as it
 * is then, followed by these bytes. So concurrent appends are all kept, whole, in commit order, and a
 * STOR, DELE or rename of the same name lands between two commits, never inside one.
 */
public final class Upload implements Closeable {

    /** {@code keep} value for APPE: keep the whole existing file. */
    public static final long APPEND = Long.MAX_VALUE;

    private static final Set<PosixFilePermission> SCRATCH = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final int BUFFER_BYTES = 64 * 1024;

    private final VirtualFileSystem fs;
    private final Location at;
    private final String virtual;
    private final long keep;
    private final UniqueName claim;
    private final SeekableByteChannel data;
    private String scratch;
    private boolean committed;

    Upload(VirtualFileSystem fs, Location at, String virtual, long keep, UniqueName claim) throws FsException {
        this.fs = fs;
        this.at = at;
        this.virtual = virtual;
        this.keep = keep;
        this.claim = claim;
        this.scratch = TempFiles.newName();
        this.data = create(scratch);
    }

    /** Where the client's bytes go; closing it forces them to disk before {@link #commit} renames them in. */
    public OutputStream output() {
        return new FilterOutputStream(Channels.newOutputStream(data)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
                if (data.isOpen()) {
                    durable(data);
                }
                super.close();
            }
        };
    }

    /**
     * Makes the upload the file's content. Waits for another upload's commit to the same entry, never for
     * a transfer.
     */
    public void commit() throws FsException {
        NameLocks.Key key = fs.key(at);
        try {
            fs.locks().acquire(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FsException("Interrupted while storing " + VirtualFileSystem.printable(virtual));
        }
        try {
            data.close();
            PosixFileAttributes existing = fs.lstat(at.dir(), at.name(), virtual);
            if (keep > 0) {
                prependExisting(existing);
            }
            boolean replacesClaim = claim != null && claim.key().equals(VirtualFileSystem.fileKey(existing));
            Set<PosixFilePermission> mode = existing != null && existing.isRegularFile() && !replacesClaim
                    ? existing.permissions() : NEW_FILE;
            at.dir().getFileAttributeView(Path.of(scratch), PosixFileAttributeView.class, NOFOLLOW_LINKS)
                    .setPermissions(mode);
            at.dir().move(Path.of(scratch), at.dir(), at.entry());
            scratch = null;
            committed = true;
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        } finally {
            fs.locks().release(key);
        }
    }

    /**
     * REST and APPE: the kept part of the file as it is now, then the new bytes, into a second scratch
     * file that replaces the first.
     */
    private void prependExisting(PosixFileAttributes existing) throws IOException, FsException {
        if (existing == null && keep == APPEND) {
            return; // APPE to a file that is not there (any more) creates it.
        }
        if (existing == null || !existing.isRegularFile() || keep != APPEND && existing.size() < keep) {
            throw new FsException(VirtualFileSystem.printable(virtual)
                    + " changed during the upload; the restart offset no longer fits it");
        }
        String combined = TempFiles.newName();
        try (SeekableByteChannel out = create(combined)) {
            try (SeekableByteChannel old = at.dir().newByteChannel(at.entry(),
                    Set.of(StandardOpenOption.READ, NOFOLLOW_LINKS))) {
                copy(old, out, Math.min(keep, existing.size()));
            }
            try (SeekableByteChannel added = at.dir().newByteChannel(Path.of(scratch),
                    Set.of(StandardOpenOption.READ, NOFOLLOW_LINKS))) {
                copy(added, out, Long.MAX_VALUE);
            }
            durable(out);
        } catch (IOException | FsException e) {
            deleteQuietly(combined);
            throw e;
        }
        deleteQuietly(scratch);
        scratch = combined;
    }

    /**
     * The rename that follows replaces the old content, so the new bytes must be on disk first: without it a
     * crash after the 226 can leave the renamed file empty (XFS, ext4 without auto_da_alloc).
     */
    private static void durable(SeekableByteChannel channel) throws IOException {
        if (channel instanceof FileChannel file) {
            file.force(true);
        }
    }

    private static void copy(SeekableByteChannel from, SeekableByteChannel to, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
        long left = limit;
        while (left > 0) {
            buf.clear();
            if (left < buf.capacity()) {
                buf.limit((int) left);
            }
            int n = from.read(buf);
            if (n < 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                to.write(buf);
            }
            left -= n;
        }
    }

    private SeekableByteChannel create(String name) throws FsException {
        try {
            return at.dir().newByteChannel(Path.of(name),
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(SCRATCH));
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    /**
     * Ends the upload: without a commit, nothing of it stays (its scratch file, and the name STOU claimed
     * for it).
     */
    @Override
    public void close() {
        try {
            data.close();
        } catch (IOException ignored) {
            // The scratch file goes next anyway.
        }
        if (scratch != null) {
            deleteQuietly(scratch);
            scratch = null;
        }
        at.close();
        if (claim != null && !committed) {
            fs.releaseClaim(claim);
        }
    }

    private void deleteQuietly(String name) {
        try {
            at.dir().deleteFile(Path.of(name));
        } catch (IOException ignored) {
            // Left for the sweep at the next start; hidden until then.
        }
    }
}
