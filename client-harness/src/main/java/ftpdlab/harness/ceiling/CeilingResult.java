package ftpdlab.harness.ceiling;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What one run of the raw loop measured.
 *
 * @param address the loopback address both ends used
 * @param fixedPort the one local port every connection was to be made from
 * @param sourcePorts the source ports the listening side saw (the fixed port alone when the loop did what it says)
 * @param clients concurrent connecting threads
 * @param requested connections asked for
 * @param payloadBytes bytes written on each connection
 * @param connections connections that connected, wrote the payload and closed
 * @param received connections whose payload the listening side read in full
 * @param failures failed connections by cause (exception class and message)
 * @param durationMs wall time from the first connect to the last payload read
 * @param cpuMicros this process's CPU time over the same span: both ends of every connection, and the JVM's own
 * @param stoppedByDeadline whether {@code --max-duration} ended the loop before every connection was tried
 */
public record CeilingResult(String address, int fixedPort, List<Integer> sourcePorts, int clients, long requested,
                            int payloadBytes, long connections, long received, Map<String, Long> failures,
                            long durationMs, long cpuMicros, boolean stoppedByDeadline) {

    @JsonProperty
    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Completed connections per second of wall time; 0 when none completed. */
    @JsonProperty
    public double connectionsPerSecond() {
        return durationMs > 0 ? connections * 1000.0 / durationMs : 0;
    }

    /** CPU microseconds per completed connection, both ends together; -1 when none completed. */
    @JsonProperty
    public double cpuMicrosPerConnection() {
        return connections > 0 ? (double) cpuMicros / connections : -1;
    }
}
