package ftpdlab.data;

import java.io.IOException;

/** What flows over a data connection once it is open: a file, an upload, a listing. */
public interface TransferJob {

    /** Text of the 150 reply. */
    String openingText();

    /** Moves the data; returns the bytes moved. Runs on a transfer worker, never on a MINA I/O thread. */
    long run(DataConnection connection) throws IOException;

    /** Text of the 226 reply. */
    default String completeText() {
        return "Transfer complete.";
    }

    /** True when the bytes flow from the client to the server. */
    default boolean upload() {
        return false;
    }

    /** Undoes partial effects (a half-written temporary file) after a failure or ABOR. */
    default void discard() {
    }

    /** Short description for the log, e.g. {@code RETR /a.txt}. */
    String describe();

    /** The command, e.g. {@code RETR}, for the transfer log. */
    String verb();

    /** The full virtual path moved or listed, for the transfer log. */
    String path();

    /** A file transfer (the xferlog's only kind), not a listing. */
    default boolean file() {
        return true;
    }

    /** TYPE A: line ends translated. */
    default boolean ascii() {
        return false;
    }
}
