package ftpdlab.fs;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Iterator;
import java.util.Set;

/**
 * The server root's handle, opened once and shared by every walk, on every thread (each operation
 * of the JDK's stream is an openat-style call on one descriptor, under its read lock). Opening the
 * root for each path cost seven system calls of the forty-odd of a whole 1 KiB transfer.
 *
 * <p>Walks hand it around like any directory they opened, so closing it here does nothing; only
 * {@link #release} closes it, when the server stops. It is never iterated: a listing of the root
 * opens the directory again, so every listing has a stream of its own. A moved or deleted root
 * keeps being served from this handle, as a chroot would.
 */
final class SharedRoot implements SecureDirectoryStream<Path> {

    private final SecureDirectoryStream<Path> dir;

    SharedRoot(SecureDirectoryStream<Path> dir) {
        this.dir = dir;
    }

    /** The JDK's own stream: its move() accepts no other kind of directory as the target. */
    static SecureDirectoryStream<Path> unwrap(SecureDirectoryStream<Path> d) {
        return d instanceof SharedRoot s ? s.dir : d;
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
        return dir.newDirectoryStream(path, options);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return dir.newByteChannel(path, options, attrs);
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        dir.deleteFile(path);
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        dir.deleteDirectory(path);
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath) throws IOException {
        dir.move(srcpath, unwrap(targetdir), targetpath);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        return dir.getFileAttributeView(type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return dir.getFileAttributeView(path, type, options);
    }

    @Override
    public Iterator<Path> iterator() {
        throw new UnsupportedOperationException("the shared root is not listed: open it again for a listing");
    }

    /** Shared: a walk that is done with it leaves it open for the next. */
    @Override
    public void close() {
    }

    void release() throws IOException {
        dir.close();
    }
}
