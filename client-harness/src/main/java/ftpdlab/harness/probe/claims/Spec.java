package ftpdlab.harness.probe.claims;

import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.ProbeMatrix.Options;

/**
 * One cell to run: which two sockets, where, with which options, and what FreeBSD's source says
 * happens. Addresses are literals; a multicast one is joined on the loopback interface.
 *
 * @param kind    how the two sockets are made
 * @param udp     UDP instead of TCP (pair and process cells)
 * @param listen  TCP sockets listen (a server) instead of staying bound
 * @param send    for UDP: how many datagrams to send to the second socket's address after both binds, each
 *                from a sender of its own (so that a kernel that spreads by source can show it); 0 for none
 * @param state   for fixed-port cells: the first socket's state, as in {@code probe}'s matrix
 */
public record Spec(String id, Kind kind, boolean udp, boolean listen, String first, String second, Options firstOptions,
        Options secondOptions, int send, FirstState state, String freebsd) {

    /** Administratively scoped (RFC 2365): never routed off the site, and here only joined on lo. */
    public static final String GROUP = "239.255.77.1";

    public enum Kind {
        /** a listener restarted while its accepted connections sit in TIME_WAIT */
        RESTART,
        /** two sockets of this process */
        PAIR,
        /** the second socket in another process of the same user */
        OTHER_PROCESS,
        /** the second socket in a process of another user */
        OTHER_USER,
        /** a cell of {@code probe}'s fixed-port matrix */
        FIXED_PORT
    }

    static Spec restart(String id, Options old, Options restarted, String freebsd) {
        return new Spec(id, Kind.RESTART, false, true, "127.0.0.1", "127.0.0.1", old, restarted, 0, null, freebsd);
    }

    static Spec tcp(String id, boolean listen, String first, Options o1, String second, Options o2, String freebsd) {
        return new Spec(id, Kind.PAIR, false, listen, first, second, o1, o2, 0, null, freebsd);
    }

    static Spec udp(String id, String first, Options o1, String second, Options o2, int send, String freebsd) {
        return new Spec(id, Kind.PAIR, true, false, first, second, o1, o2, send, null, freebsd);
    }

    static Spec process(String id, Kind kind, boolean udp, String freebsd) {
        return new Spec(id, kind, udp, !udp, "127.0.0.1", "127.0.0.1", Options.SO_REUSEPORT, Options.SO_REUSEPORT, 0,
                null, freebsd);
    }

    static Spec fixed(String id, FirstState state, Options both, String freebsd) {
        return new Spec(id, Kind.FIXED_PORT, false, false, "127.0.0.1", "127.0.0.1", both, both, 0, state, freebsd);
    }

    /** The cell in words, for the table. */
    public String describe() {
        return switch (kind) {
            case RESTART -> "TCP listener on 127.0.0.1 with " + firstOptions.label() + ", its accepted connections in"
                    + " TIME_WAIT; a new listener with " + secondOptions.label();
            case PAIR -> (udp ? "UDP" : "TCP") + (udp ? "" : listen ? " listening" : " bound") + ": " + first + " ("
                    + firstOptions.label() + "), then " + second + " (" + secondOptions.label() + ")"
                    + (send == 1 ? "; one datagram to " + second : send > 1 ? "; " + send + " datagrams to " + second
                    + ", each from its own sender" : "");
            case OTHER_PROCESS -> (udp ? "UDP" : "TCP listening") + ": 127.0.0.1 (SO_REUSEPORT) here, then the same in"
                    + " another process of this user";
            case OTHER_USER -> (udp ? "UDP" : "TCP listening") + ": 127.0.0.1 (SO_REUSEPORT) here, then the same in"
                    + " a process of user nobody";
            case FIXED_PORT -> "TCP: first socket " + state.label() + " on 127.0.0.1, both " + firstOptions.label()
                    + (state.hasPeer() ? ", second binds and connects to the same peer" : ", second binds");
        };
    }
}
