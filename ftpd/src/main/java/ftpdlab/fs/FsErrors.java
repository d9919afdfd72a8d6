package ftpdlab.fs;

import ftpdlab.protocol.SafeText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what java.nio throws into an {@link FsException} whose text names the virtual path: the
 * JDK's messages carry the real path, which a reply must never show.
 */
final class FsErrors {

    private static final Logger log = LoggerFactory.getLogger(FsErrors.class);

    private FsErrors() {
    }

    static FsException of(IOException e, String virtual) {
        String v = printable(virtual);
        if (e instanceof NoSuchFileException) {
            return new FsException("No such file or directory: " + v);
        } else if (e instanceof FileAlreadyExistsException) {
            return new FsException("File exists: " + v);
        } else if (e instanceof DirectoryNotEmptyException) {
            return new FsException("Directory not empty: " + v);
        } else if (e instanceof NotDirectoryException) {
            return new FsException("Not a directory: " + v);
        } else if (e instanceof AccessDeniedException) {
            return new FsException("Permission denied: " + v);
        } else if (e instanceof AtomicMoveNotSupportedException) {
            // rename(2) cannot cross a mount point inside the root.
            return new FsException("Cannot move across file systems: " + v);
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            // The reason is the OS's strerror text ("File name too long"), which names no path.
            return new FsException(f.getReason() + ": " + v);
        }
        log.warn("file operation on {} failed: {}", v, e.toString());
        return new FsException("Cannot access " + v);
    }

    static FsException noSuch(String virtual) {
        return new FsException("No such file or directory: " + printable(virtual));
    }

    static FsException outside() {
        return new FsException(VirtualFileSystem.OUTSIDE_ROOT);
    }

    /** A client's path as it may appear in a reply: control characters (CR, LF, ESC, ...) become '?'. */
    static String printable(String path) {
        return SafeText.printable(path);
    }
}
