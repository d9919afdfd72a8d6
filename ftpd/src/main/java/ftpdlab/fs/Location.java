package ftpdlab.fs;

import java.io.Closeable;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Where a resolved path ends: an open handle on the directory that holds the entry, and the
 * entry's name in it. Everything done to the entry goes through the handle, so nothing can be
 * swapped under it.
 *
 * @param dir     the directory holding the entry; the entry itself when {@code name} is null
 * @param name    the entry's name in {@code dir}; null when the path is a directory reached whole
 *                (the root, or a path ending in a link to a directory's "..")
 * @param virtual the virtual path of the entry after links were followed
 * @param attrs   the entry's attributes as the walk saw them (not following a link), null when it
 *                does not exist or {@code name} is null; a look, not a promise: what is opened
 *                through {@code dir} is judged again by the open itself
 */
record Location(SecureDirectoryStream<Path> dir, String name, String virtual, PosixFileAttributes attrs)
        implements Closeable {

    Path entry() {
        return Path.of(name);
    }

    @Override
    public void close() {
        VirtualFileSystem.closeQuietly(dir);
    }
}
