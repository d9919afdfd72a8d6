package ftpdlab.commands;

/** Who may run a verb; the pre-check answers 530 or 550 before the handler runs. */
public enum Access {
    /** Before login too (USER, PASS, QUIT, FEAT, ...). */
    ANYONE,
    /** Any logged-in user. */
    USER,
    /** A logged-in user with write permission. */
    WRITE
}
