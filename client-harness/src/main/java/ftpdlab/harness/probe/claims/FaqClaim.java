package ftpdlab.harness.probe.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The claims of the Unix socket FAQ's answer to "What is the difference between SO_REUSEADDR and
 * SO_REUSEPORT?" (and of the Stevens and Friedberg posts it quotes), each with the cells that test
 * it, how Linux's verdict follows from them, and what 4.4BSD and FreeBSD do per their source.
 *
 * <p>Sources read (never copied): FreeBSD sys/netinet/in_pcb.c, in_pcbbind_setup() and
 * in_pcblookup_local() (12.x/13.x); sys/netinet/udp_usrreq.c, the multicast delivery loop of
 * udp_input() (udp_multi_input() in later versions); FreeBSD's getsockopt(2), DESCRIPTION;
 * 4.4BSD-Lite netinet/in_pcb.c in_pcbbind() as carried into FreeBSD 2.2; TCP/IP Illustrated
 * vol. 2, p. 731.
 */
public enum FaqClaim {

    RESTART(1, "SO_REUSEADDR lets a server bind an address that is in TIME_WAIT (a listener restarted while its old"
            + " accepted connections are in TIME_WAIT).", List.of("1a", "1b", "1c", "1d"),
            c -> c.missing("1a", "1c").orElseGet(() -> {
                if (!c.ok("1c")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "even with SO_REUSEADDR on the old and the new"
                            + " listener the restart got " + c.get("1c").bind() + " (1c).");
                }
                if (c.ok("1a")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "the restart binds without SO_REUSEADDR too (1a), so"
                            + " the option is not what lets it.");
                }
                if (c.refused("1b")) {
                    return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "a restarted listener with SO_REUSEADDR"
                            + " binds past its predecessor's TIME_WAIT connections (1c), but only if the old listener"
                            + " had set it too (1b: EADDRINUSE): a TIME_WAIT entry keeps its socket's options.");
                }
                return new Assessment(Verdict.HOLDS, "with SO_REUSEADDR the restarted listener binds (1b, 1c), without"
                        + " it EADDRINUSE (1a).");
            }),
            Verdict.HOLDS, "with SO_REUSEADDR the bind looks up its exact address only, and in_pcblookup_local()'s exact"
                    + " lookup returns unconnected PCBs only, so TIME_WAIT connections never block it, whatever options"
                    + " the old listener had; without it, the wildcard lookup finds them and only SO_REUSEPORT in their"
                    + " saved options lets it pass (sys/netinet/in_pcb.c, in_pcbbind_setup(), in_pcblookup_local())",
            "holds, the same rule: SO_REUSEADDR turns the lookup in in_pcbbind() from wildcard to exact (netinet/in_pcb.c)"),

    ONE_SERVER(2, "SO_REUSEADDR does not let more than one server bind the same address.",
            List.of("2a", "2b", "2c", "2d", "2e", "2f"),
            c -> c.missing("2a").orElseGet(() -> {
                if (c.ok("2a") || c.ok("2b") || c.ok("2c")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "two TCP listeners that both set SO_REUSEADDR bound"
                            + " the same address.");
                }
                List<String> but = new ArrayList<>();
                if (c.ok("2e") || c.ok("2f")) {
                    but.add("two UDP sockets that both set it share one (2e, 2f)"
                            + (c.reachedOne("2e") ? ", and each unicast datagram reaches only one of them" : ""));
                }
                if (c.ok("2d")) {
                    but.add("two TCP sockets share one while neither listens (2d)");
                }
                if (but.isEmpty()) {
                    return new Assessment(Verdict.HOLDS, "no second socket bound an address another one holds, TCP or"
                            + " UDP, SO_REUSEADDR on both.");
                }
                return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "no two TCP listeners share an address even"
                        + " with SO_REUSEADDR on both (2a-2c: EADDRINUSE), but " + String.join("; ", but) + ".");
            }),
            Verdict.HOLDS, "an exact lookup finds the first, unconnected socket, and without SO_REUSEPORT in its options"
                    + " the bind gets EADDRINUSE, TCP or UDP, listening or not (sys/netinet/in_pcb.c,"
                    + " in_pcbbind_setup())",
            "holds: in_pcbbind() refuses a second socket on the exact address unless SO_REUSEPORT is set on both"),

    HIJACK(3, "A security risk: with SO_REUSEADDR another server can bind the same port on a specific address while"
            + " the first is bound to INADDR_ANY (port hijacking).",
            List.of("3a", "3b", "3c", "3d", "3e", "3f", "3g", "3h", "3i"),
            c -> c.missing("3a", "3b", "3g").orElseGet(() -> {
                boolean tcp = c.ok("3a") || c.ok("3b");
                if (tcp) {
                    return new Assessment(Verdict.HOLDS, "a TCP listener on 127.0.0.1 bound next to a wildcard listener"
                            + (c.ok("3b") ? ", even one that had not set SO_REUSEADDR (3b)." : " (3a)."));
                }
                boolean udp = c.ok("3g") && "second".equals(c.get("3g").receivers());
                if (udp) {
                    List<String> refused = List.of("3a", "3b", "3c", "3d").stream().filter(c::refused).toList();
                    return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "a wildcard TCP listener refuses every"
                            + " specific bind of its port (" + String.join(", ", refused) + ": EADDRINUSE), but a UDP"
                            + " socket on 127.0.0.1 takes the datagrams of a wildcard UDP socket when both set"
                            + " SO_REUSEADDR (3g)" + (c.refused("3h") ? "; a first socket without it is safe (3h)." : "."));
                }
                return new Assessment(Verdict.DOES_NOT_HOLD, "every specific bind next to a wildcard socket was refused.");
            }),
            Verdict.HOLDS, "with SO_REUSEADDR the lookup is exact and does not see the wildcard socket, so the specific"
                    + " bind succeeds and takes the unicast traffic for that address; since the port-stealing fixes,"
                    + " in_pcbbind_setup() refuses it when the two sockets belong to different users and the binder"
                    + " is unprivileged (sys/netinet/in_pcb.c, in_pcbbind_setup())",
            "holds, for any user: in_pcbbind() has no owner check"),

    ALL_SET_REUSEPORT(4, "SO_REUSEPORT lets multiple processes bind the same address and port, provided all of them"
            + " set it.", List.of("4a", "4b", "4c", "4d", "4e", "4f"),
            c -> c.missing("4a", "4b", "4c").orElseGet(() -> {
                if (!c.ok("4c")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "a second process with SO_REUSEPORT got "
                            + c.get("4c").bind() + " (4c).");
                }
                if (c.ok("4a") || c.ok("4b")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "a socket without SO_REUSEPORT shared the port with"
                            + " one that set it (4a, 4b).");
                }
                if (c.refused("4e") || c.refused("4f")) {
                    return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "another process of the same user shares"
                            + " the port when both set it (4c, 4d) and one without it is refused (4a, 4b), but a"
                            + " process of another user is refused even with SO_REUSEPORT (4e, 4f: EADDRINUSE): Linux"
                            + " keeps a SO_REUSEPORT group to one effective user ID.");
                }
                return new Assessment(Verdict.HOLDS, "another process shares the port when both set SO_REUSEPORT (4c"
                        + (c.measured("4d") ? ", 4d" : "") + ") and a socket without it is refused (4a, 4b)"
                        + (c.measured("4e") ? ", whatever the user." : "; the other-user cells did not run here."));
            }),
            Verdict.HOLDS_WITH_A_DIFFERENCE, "getsockopt(2): SO_REUSEPORT \"allows completely duplicate bindings by"
                    + " multiple processes if they all set SO_REUSEPORT before binding the port\"; but for a unicast"
                    + " address in_pcbbind_setup() refuses an unprivileged binder whose uid differs from the"
                    + " holder's (sys/netinet/in_pcb.c)",
            "holds, for any user: in_pcbbind() checks only SO_REUSEPORT on both sockets"),

    MULTICAST_COPIES(5, "SO_REUSEPORT's intended use is multicast: several copies of one app on a host binding the"
            + " same port.", List.of("5a", "5b", "5c"),
            c -> c.missing("5a").orElseGet(() -> {
                if (!c.ok("5a") || !c.reachedBoth("5a")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "two sockets with SO_REUSEPORT on the group's port: "
                            + c.get("5a").result() + " (5a).");
                }
                ClaimCell unicast = c.get("5c");
                if (unicast.ok() && c.reachedBoth("5c") && unicast.copies() == unicast.datagrams()) {
                    return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "copies with SO_REUSEPORT on a group's"
                            + " port each get every datagram (5a), but on Linux it is as much a unicast load balancer:"
                            + " datagrams to 127.0.0.1 from " + unicast.datagrams() + " senders were spread over both"
                            + " sockets, one copy each (5c).");
                }
                return new Assessment(Verdict.HOLDS, "copies with SO_REUSEPORT on a group's port each get every"
                        + " datagram (5a).");
            }),
            Verdict.HOLDS, "getsockopt(2): SO_REUSEPORT \"permits multiple instances of a program to each receive UDP/IP"
                    + " multicast or broadcast datagrams destined for the bound port\"; udp_usrreq.c delivers a"
                    + " multicast datagram to every matching socket, a unicast one to one (load spreading is the"
                    + " separate SO_REUSEPORT_LB, FreeBSD 12)",
            "holds: udp_input() delivers a multicast or broadcast datagram to all matching sockets (netinet/udp_usrreq.c)"),

    MULTICAST_REUSEADDR(6, "When binding a multicast address, SO_REUSEADDR is treated the same as SO_REUSEPORT (4.4BSD,"
            + " TCP/IP Illustrated vol. 2 p. 731); for portability set both.",
            List.of("6a", "6b", "6c", "6d", "6e", "5a", "2e"),
            c -> c.missing("6b", "5a").orElseGet(() -> {
                if (!c.ok("6b") || !c.get("6b").receivers().equals(c.get("5a").receivers())) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "SO_REUSEADDR on the group's port: "
                            + c.get("6b").result() + " (6b), where SO_REUSEPORT gives " + c.get("5a").result() + " (5a).");
                }
                List<String> but = new ArrayList<>();
                if (c.refused("6d") || c.refused("6e")) {
                    but.add("the two do not mix: one socket with only SO_REUSEADDR and one with only SO_REUSEPORT"
                            + " collide (6d, 6e: EADDRINUSE)");
                }
                if (c.ok("2e")) {
                    but.add("it is not about multicast: SO_REUSEADDR on both shares a unicast UDP address too (2e)");
                }
                String both = c.ok("6c") ? "; both options on every socket work (6c)" : "";
                if (but.isEmpty()) {
                    return new Assessment(Verdict.HOLDS, "on a group's port SO_REUSEADDR on both sockets shares it and"
                            + " delivers like SO_REUSEPORT (6b, 5a)" + both + ".");
                }
                return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "SO_REUSEADDR on both sockets shares a group's"
                        + " port and delivers like SO_REUSEPORT (6b, 5a), but " + String.join("; and ", but) + both + ".");
            }),
            Verdict.HOLDS, "in_pcbbind_setup(): on a multicast address either option counts as both (\"Treat"
                    + " SO_REUSEADDR as SO_REUSEPORT for multicast\", sys/netinet/in_pcb.c), so mixed options share too",
            "holds: the same rule in in_pcbbind() (netinet/in_pcb.c), TCP/IP Illustrated vol. 2 p. 731"),

    FTPD_HACK(7, "SO_REUSEPORT removes the need for ftpd's try-10-times-to-bind hack, because without it only one ftpd"
            + " can bind (lhost, lport) before connecting back to the client.",
            List.of("7a", "7b", "7c", "7d", "7e", "7f"),
            c -> c.missing("7b", "7c").orElseGet(() -> {
                if (!c.ok("7c")) {
                    return new Assessment(Verdict.DOES_NOT_HOLD, "with SO_REUSEPORT on both a second data socket still"
                            + " got " + c.get("7c").bind() + " next to a bound one (7c).");
                }
                if (c.ok("7b")) {
                    return new Assessment(Verdict.HOLDS_WITH_A_DIFFERENCE, "SO_REUSEPORT lets a second data socket"
                            + " bind (lhost, lport) next to a bound one (7c), but on Linux SO_REUSEADDR, ftpd's own"
                            + " option, already does (7b): only exclusive binds collide (7a), and a TIME_WAIT entry"
                            + " blocks them (7e).");
                }
                return new Assessment(Verdict.HOLDS, "with SO_REUSEADDR a second data socket collides with a bound one"
                        + " (7b) and with SO_REUSEPORT it does not (7c).");
            }),
            Verdict.HOLDS, "ftpd's data socket sets SO_REUSEADDR, so the lookup is exact: it finds another data socket"
                    + " while that one is bound and not yet connected (EADDRINUSE, hence getdatasock()'s retry loop in"
                    + " libexec/ftpd/ftpd.c) and passes once it is connected; SO_REUSEPORT on both always passes"
                    + " (sys/netinet/in_pcb.c, in_pcbbind_setup(), in_pcblookup_local())",
            "holds: the same exact lookup in in_pcbbind(); the same 4-tuple is refused later, by in_pcbconnect()");

    private final int number;
    private final String text;
    private final List<String> cellIds;
    private final Function<Cells, Assessment> linux;
    private final Verdict freebsdVerdict;
    private final String freebsd;
    private final String bsd44;

    FaqClaim(int number, String text, List<String> cellIds, Function<Cells, Assessment> linux, Verdict freebsdVerdict,
            String freebsd, String bsd44) {
        this.number = number;
        this.text = text;
        this.cellIds = cellIds;
        this.linux = linux;
        this.freebsdVerdict = freebsdVerdict;
        this.freebsd = freebsd;
        this.bsd44 = bsd44;
    }

    public int number() {
        return number;
    }

    public String text() {
        return text;
    }

    public List<String> cellIds() {
        return cellIds;
    }

    /** The verdict on the kernel the cells were measured on, with why. */
    public Assessment assess(Cells cells) {
        return linux.apply(cells);
    }

    public Verdict freebsdVerdict() {
        return freebsdVerdict;
    }

    /** What today's FreeBSD does, per its source or man page, cited. */
    public String freebsd() {
        return freebsd;
    }

    /** What 4.4BSD does, per its source, cited. */
    public String bsd44() {
        return bsd44;
    }
}
