package ftpdlab.harness.load;

/**
 * One transfer as the client saw it. Times are milliseconds; {@code startMs} counts from the
 * phase's start.
 *
 * @param to150Ms from sending the command to the 150/125 reply; -1 when none came
 * @param replyCode the final reply (226, 425, ...); 0 when the connection failed before one
 * @param exception simple class name of the exception that ended it, or null
 * @param ok 2xx final reply and the content checked out (size and checksum)
 */
public record TransferRecord(
        int client,
        int seq,
        Op op,
        long startMs,
        long to150Ms,
        long totalMs,
        long bytes,
        int replyCode,
        String replyText,
        String exception,
        boolean ok) {
}
