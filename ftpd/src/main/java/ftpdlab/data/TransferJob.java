package ftpdlab.data;

import java.io.IOException;

/** What flows over a data connection once it is open: a file, an upload, a listing. */
public interface TransferJob {

    /** Text of the 150 reply. */
    String openingText();

    /** Moves the (rest of the) data, blocking; returns the bytes moved in all. Runs on a transfer worker, never on a MINA I/O thread. */
    long run(DataConnection connection) throws IOException;

    /**
     * On the command thread, right after the 150: moves what can move without blocking. True when
     * that was everything; false leaves the rest to {@link #run} on a worker, which goes on from
     * where this stopped. Only a job that can tell "would block" from "done" does anything here.
     */
    default boolean runNow(DataConnection connection) throws IOException {
        return false;
    }

    /**
     * Whether {@link #runNow} is expected to move everything, so that the 150 may wait and go out
     * with the final reply in one write; a job that says false gets its 150 before it moves a byte.
     */
    default boolean answersAtOnce() {
        return false;
    }

    /** Text of the 226 reply. */
    default String completeText() {
        return "Transfer complete.";
    }

    /** Undoes partial effects (a claimed name, an open file) after a failure or ABOR; may be called twice. */
    default void discard() {
    }

    /** What this transfer moves, for the logs, STAT and the transfer log. */
    Subject subject();

    /** True when the bytes flow from the client to the server. */
    default boolean upload() {
        return subject().upload();
    }

    /** Short description for the log, e.g. {@code RETR /a.txt}. */
    default String describe() {
        return subject().verb() + " " + subject().path();
    }

    /**
     * The command, the full virtual path, whether it is a file (the xferlog's only kind) or a listing, its
     * direction, and whether TYPE A translates its line ends.
     */
    record Subject(String verb, String path, boolean file, boolean upload, boolean ascii) {
    }
}
