package ftpdlab.commands;

/** Whether a verb takes an argument; the pre-check answers 501 when the client gets it wrong. */
public enum ArgRule {
    NONE,
    OPTIONAL,
    REQUIRED
}
