package ftpdlab.harness.probe.claims;

import static ftpdlab.harness.probe.ProbeMatrix.Options.BOTH;
import static ftpdlab.harness.probe.ProbeMatrix.Options.NONE;
import static ftpdlab.harness.probe.ProbeMatrix.Options.SO_REUSEADDR;
import static ftpdlab.harness.probe.ProbeMatrix.Options.SO_REUSEPORT;
import static ftpdlab.harness.probe.claims.Spec.GROUP;

import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.claims.Spec.Kind;
import java.util.List;

/**
 * Every cell the FAQ's claims need, with what FreeBSD does there per its source
 * (sys/netinet/in_pcb.c in_pcbbind_setup() and in_pcblookup_local(), sys/netinet/udp_usrreq.c;
 * the claims cite them). The ids are what {@link FaqClaim} refers to.
 */
final class CellPlan {

    private static final String LOCAL = "127.0.0.1";
    private static final String ANY = "0.0.0.0";
    /** Enough senders that a kernel spreading by source hash sends every one to the same socket with odds 2^-31. */
    static final int SPREAD = 32;

    static final List<Spec> CELLS = List.of(
            // claim 1: the restart
            Spec.restart("1a", NONE, NONE, "EADDRINUSE"),
            Spec.restart("1b", NONE, SO_REUSEADDR, "OK (an exact lookup skips connected and TIME_WAIT PCBs)"),
            Spec.restart("1c", SO_REUSEADDR, SO_REUSEADDR, "OK"),
            Spec.restart("1d", SO_REUSEADDR, NONE, "EADDRINUSE"),
            // claim 2: one address, two servers
            Spec.tcp("2a", true, LOCAL, SO_REUSEADDR, LOCAL, SO_REUSEADDR, "EADDRINUSE"),
            Spec.tcp("2b", true, ANY, SO_REUSEADDR, ANY, SO_REUSEADDR, "EADDRINUSE"),
            Spec.tcp("2c", true, "::", SO_REUSEADDR, "::", SO_REUSEADDR, "EADDRINUSE"),
            Spec.tcp("2d", false, LOCAL, SO_REUSEADDR, LOCAL, SO_REUSEADDR, "EADDRINUSE"),
            Spec.udp("2e", LOCAL, SO_REUSEADDR, LOCAL, SO_REUSEADDR, 1, "EADDRINUSE"),
            Spec.udp("2f", ANY, SO_REUSEADDR, ANY, SO_REUSEADDR, 0, "EADDRINUSE"),
            // claim 3: a specific address next to the wildcard, both orders
            Spec.tcp("3a", true, ANY, SO_REUSEADDR, LOCAL, SO_REUSEADDR, "OK (same user)"),
            Spec.tcp("3b", true, ANY, NONE, LOCAL, SO_REUSEADDR, "OK (same user)"),
            Spec.tcp("3c", true, LOCAL, SO_REUSEADDR, ANY, SO_REUSEADDR, "OK"),
            Spec.tcp("3d", true, "::", SO_REUSEADDR, "::1", SO_REUSEADDR, "OK (same user)"),
            Spec.tcp("3e", false, ANY, SO_REUSEADDR, LOCAL, SO_REUSEADDR, "OK"),
            Spec.tcp("3f", false, LOCAL, SO_REUSEADDR, ANY, SO_REUSEADDR, "OK"),
            Spec.udp("3g", ANY, SO_REUSEADDR, LOCAL, SO_REUSEADDR, 1, "OK, datagram reached the second socket only"),
            Spec.udp("3h", ANY, NONE, LOCAL, SO_REUSEADDR, 1, "OK, datagram reached the second socket only"),
            Spec.udp("3i", LOCAL, SO_REUSEADDR, ANY, SO_REUSEADDR, 0, "OK"),
            // claim 4: SO_REUSEPORT, every socket, other processes, other users
            Spec.tcp("4a", true, LOCAL, SO_REUSEPORT, LOCAL, NONE, "EADDRINUSE"),
            Spec.tcp("4b", true, LOCAL, NONE, LOCAL, SO_REUSEPORT, "EADDRINUSE"),
            Spec.process("4c", Kind.OTHER_PROCESS, false, "OK"),
            Spec.process("4d", Kind.OTHER_PROCESS, true, "OK"),
            Spec.process("4e", Kind.OTHER_USER, false, "EADDRINUSE (different uid, unprivileged binder)"),
            Spec.process("4f", Kind.OTHER_USER, true, "EADDRINUSE (different uid, unprivileged binder)"),
            // claims 5 and 6: UDP, a multicast group and unicast, each option combination
            Spec.udp("5a", GROUP, SO_REUSEPORT, GROUP, SO_REUSEPORT, 1, "OK, datagram reached both sockets"),
            Spec.udp("5b", ANY, SO_REUSEPORT, ANY, SO_REUSEPORT, 0, "OK"),
            Spec.udp("5c", LOCAL, SO_REUSEPORT, LOCAL, SO_REUSEPORT, SPREAD,
                    "OK, datagrams reached one socket only (the same PCB for every sender)"),
            Spec.udp("6a", GROUP, NONE, GROUP, NONE, 0, "EADDRINUSE"),
            Spec.udp("6b", GROUP, SO_REUSEADDR, GROUP, SO_REUSEADDR, 1, "OK, datagram reached both sockets"),
            Spec.udp("6c", GROUP, BOTH, GROUP, BOTH, 1, "OK, datagram reached both sockets"),
            Spec.udp("6d", GROUP, SO_REUSEADDR, GROUP, SO_REUSEPORT, 1, "OK, datagram reached both sockets"),
            Spec.udp("6e", GROUP, SO_REUSEPORT, GROUP, SO_REUSEADDR, 1, "OK, datagram reached both sockets"),
            // claim 7: ftpd's fixed data port, from probe's matrix
            Spec.fixed("7a", FirstState.BOUND, NONE, "EADDRINUSE"),
            Spec.fixed("7b", FirstState.BOUND, SO_REUSEADDR, "EADDRINUSE (the bound, unconnected socket matches exactly)"),
            Spec.fixed("7c", FirstState.BOUND, SO_REUSEPORT, "OK"),
            Spec.fixed("7d", FirstState.CONNECTED, SO_REUSEADDR, "bind OK, connect EADDRINUSE (same 4-tuple)"),
            Spec.fixed("7e", FirstState.TIME_WAIT, NONE, "EADDRINUSE"),
            Spec.fixed("7f", FirstState.TIME_WAIT, SO_REUSEPORT, "bind OK"));

    private CellPlan() {
    }
}
