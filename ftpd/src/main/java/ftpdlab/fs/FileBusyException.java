package ftpdlab.fs;

/**
 * The entry is being replaced by an upload right now (the short commit at the end of a STOR or
 * APPE); a 4xx "try again" rather than a refusal.
 */
public final class FileBusyException extends FsException {
    private static final long serialVersionUID = 1L;

    FileBusyException(String virtual) {
        super("File busy: an upload to " + FsErrors.printable(virtual) + " is being stored; try again.");
    }
}
