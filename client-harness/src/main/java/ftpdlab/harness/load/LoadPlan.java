package ftpdlab.harness.load;

import java.time.Duration;
import java.util.List;

/**
 * One load: {@code clients} parallel sessions, {@code transfers} each, against one server.
 *
 * @param sizeBytes size of the generated file for RETR and STOR (ignored with remoteFile)
 * @param remoteFile an existing file to RETR instead of uploading a generated one; null if none
 * @param clientAddresses local addresses the clients' control and data sockets use, round-robin
 *                        (empty = the kernel's choice)
 * @param maxDuration the run stops by itself after this long, finished or not
 * @param hold how long a STOR keeps its data connection open after the last byte (zero = close
 *             at once): how long each upload holds the server's fixed port
 */
public record LoadPlan(
        String host,
        int port,
        String user,
        String password,
        int clients,
        int transfers,
        Op op,
        long sizeBytes,
        String remoteFile,
        Mode mode,
        List<String> clientAddresses,
        Duration maxDuration,
        Duration hold) {

    public LoadPlan {
        clientAddresses = clientAddresses == null ? List.of() : List.copyOf(clientAddresses);
        hold = hold == null ? Duration.ZERO : hold;
    }

    /** What a report shows instead of a password: reports are shared, passwords are not. */
    public static final String REDACTED = "***";

    /** This plan with the password replaced by {@link #REDACTED}: the only form a report keeps. */
    public LoadPlan redacted() {
        return password == null || password.equals(REDACTED) ? this
                : new LoadPlan(host, port, user, REDACTED, clients, transfers, op, sizeBytes, remoteFile, mode,
                        clientAddresses, maxDuration, hold);
    }

    /** The same load, stopping by itself after {@code d} instead (a warm-up's). */
    public LoadPlan lasting(Duration d) {
        return new LoadPlan(host, port, user, password, clients, transfers, op, sizeBytes, remoteFile, mode,
                clientAddresses, d, hold);
    }

    public long requested() {
        return (long) clients * transfers;
    }

    /** The op of transfer {@code seq} (0-based): MIXED cycles RETR, STOR, LIST. */
    public Op opFor(int seq) {
        if (op != Op.MIXED) {
            return op;
        }
        return switch (seq % 3) {
            case 0 -> Op.RETR;
            case 1 -> Op.STOR;
            default -> Op.LIST;
        };
    }
}
