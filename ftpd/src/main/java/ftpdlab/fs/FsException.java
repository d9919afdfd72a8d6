package ftpdlab.fs;

/**
 * Thrown when a client path is refused or cannot be used; carries the FTP reply text, which names
 * only the virtual path (never the real one) with control characters replaced.
 */
public class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    public FsException(String message) {
        super(message);
    }
}
