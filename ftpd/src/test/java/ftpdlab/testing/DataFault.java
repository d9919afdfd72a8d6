package ftpdlab.testing;

/**
 * How the test's side of a data connection misbehaves, declared as a value as OkHttp's
 * MockWebServer declares a SocketPolicy; {@link DataPeer} carries it out.
 */
public enum DataFault {
    /** Connects or accepts and reads everything. */
    NONE,
    /** Binds the server's fixed active data port first, as a transfer in progress would: the server's exclusive bind collides. */
    HOLD_PORT,
    /** Nobody listens on the port the client names: the server's active connect is refused. */
    REFUSE,
    /** Connects or accepts with a tiny receive window and never reads: the server's writes block. */
    STALL,
    /** Connects or accepts, then resets at once (SO_LINGER 0): the server sees the connection reset. */
    RESET
}
