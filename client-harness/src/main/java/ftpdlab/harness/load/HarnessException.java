package ftpdlab.harness.load;

/** A problem the user must fix (server unreachable, login refused, bad option); its message is the one line printed. */
public final class HarnessException extends Exception {
    public HarnessException(String message) {
        super(message);
    }
}
