package ftpdlab.server;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The cause of a start-up failure in a few words ("address already in use", "no such directory"):
 * libraries wrap it ("Error while binding on ...") or name only the path that failed, and an
 * operator reading one line needs the errno, not the wrapper.
 */
final class StartupErrors {

    private StartupErrors() {
    }

    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (root instanceof NotDirectoryException || root instanceof FileAlreadyExistsException) {
            return "not a directory";
        }
        if (root instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (root instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT);
        }
        String message = root.getMessage();
        if (root instanceof BindException && message != null) {
            // "Address already in use (Bind failed)" on some JDKs: the words before the parenthesis.
            return message.replaceFirst("\\s*\\(.*\\)$", "").toLowerCase(Locale.ROOT);
        }
        return message != null ? message : root.getClass().getSimpleName();
    }
}
