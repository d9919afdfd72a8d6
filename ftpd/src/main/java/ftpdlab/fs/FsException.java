package ftpdlab.fs;

/** Thrown when a client path is refused or cannot be used; carries the FTP reply text. */
public class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    public FsException(String message) {
        super(message);
    }
}
