package ftpdlab.harness.load;

/** What a transfer does. MIXED is only a plan setting: its transfers cycle through RETR, STOR and LIST. */
public enum Op {
    RETR,
    STOR,
    LIST,
    MIXED
}
