package ftpdlab.harness.observe;

/** The kernel's TCP sockets on the server's data port at one moment ({@code tMs} from the phase's start). */
public record SocketSample(long tMs, int established, int timeWait) {
}
