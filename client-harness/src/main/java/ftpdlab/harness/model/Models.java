package ftpdlab.harness.model;

import ftpdlab.harness.load.Mode;
import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.BindFacts;
import ftpdlab.harness.report.PhaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Picks the models that apply to a phase, from what the server says it runs (SITE STATS: socket
 * options, fixed port or not, retry schedule, as {@link BindFacts}; never the strategy's name)
 * and where the phase ran (its setting), and sets each prediction beside the measurement. A phase
 * without SITE STATS gets no model: the models need the server's configuration.
 */
public final class Models {

    private Models() {
    }

    public static List<Prediction> predict(PhaseResult p) {
        List<Prediction> out = new ArrayList<>();
        Optional<BindFacts> facts = BindFacts.of(p.serverStats());
        if (facts.isEmpty() || p.plan().mode() != Mode.ACTIVE) {
            return out;
        }
        BindFacts bind = facts.get();
        long ok = p.transfers().stream().filter(TransferRecord::ok).count();
        Duration duration = Duration.ofMillis(p.durationMs());
        boolean timestampsOff = "off".equals(p.setting().get("server.tcp_timestamps"))
                || "off".equals(p.setting().get("client.tcp_timestamps"));

        if (bind.fixedPort() && bind.retries() && !bind.sharesPort()) {
            Duration unit = bind.retryUnit();
            int tries = bind.retryMaxTries();
            Duration budget = LockstepRetryModel.budget(unit, tries);
            if (p.plan().op() == Op.STOR && p.plan().transfers() == 1) {
                int clients = p.plan().clients();
                int winners = LockstepRetryModel.winners(clients, p.plan().hold(), unit, tries);
                out.add(new Prediction("lockstep retry", "ok uploads", winners, ok, String.format(
                        "%d uploads at once, each holding the port %d ms; the losers sleep 1..%d x %d ms in step, "
                                + "so each of the %d rounds has at most one winner", clients, p.plan().hold().toMillis(), tries,
                        unit.toMillis(), tries + 1)));
            } else if (p.plan().op() == Op.RETR) {
                // A single burst wants the port only as long as its retries last; back-to-back transfers all phase long.
                Duration demand = p.plan().transfers() == 1 ? budget : duration;
                long expected = TimeWaitModel.successes(p.plan().requested(), demand);
                out.add(new Prediction("TIME_WAIT vs budget", "ok downloads", expected, ok, String.format(
                        "each download leaves the port in TIME_WAIT for 60 s and an exclusive bind gives up after %.1f s: "
                                + "one success, then one per 60 s while transfers keep retrying (%.1f s here)",
                        budget.toMillis() / 1000.0, demand.toMillis() / 1000.0)));
            }
        }
        if (bind.fixedPort()) {
            if (bind.sharesPort()) {
                out.add(new Prediction("port sharing", "bind collisions", 0, counter(p, "bind.collisions"),
                        "every data socket sets " + bind.options() + ", and Linux lets such non-listening sockets share the port"));
            }
            long notAvail = counter(p, "connect.failures.EADDRNOTAVAIL");
            if (timestampsOff) {
                out.add(timestampsOffCap(p, ok));
            } else {
                out.add(new Prediction("TIME_WAIT recycling", "connect EADDRNOTAVAIL", 0, notAvail,
                        "with TCP timestamps on, a new connection may reuse a 4-tuple still in TIME_WAIT"));
            }
        } else if (p.plan().op() == Op.RETR) {
            out.addAll(ephemeral(p, ok));
        }
        return out;
    }

    /** Fixed port, timestamps off: a client port may be reused only once its old 4-tuple left TIME_WAIT. */
    static Prediction timestampsOffCap(PhaseResult p, long ok) {
        int[] range = PortRangeModel.localPortRange();
        int addresses = Math.max(1, p.plan().clientAddresses().size());
        // The harness's listeners are Java ServerSockets, which set SO_REUSEADDR on Linux.
        int ports = PortRangeModel.listenerPorts(range, true) * addresses;
        long attempts = p.transfers().size();
        double expected = ClientPortsModel.successes(ports, 1, attempts, Duration.ofMillis(p.durationMs()));
        return new Prediction("timestamps-off cap", "ok transfers", Math.round(expected), ok, String.format(
                "%d attempts over %d client listener ports (odd ports of the lower half of %d-%d, as bind(0) offers a "
                        + "SO_REUSEADDR listener, x %d address(es)), each usable once per 60 s: "
                        + "P(1 - e^(-n/P)) per window, at most %.0f/s", attempts, ports, range[0], range[1], addresses,
                ports / 60.0));
    }

    /** Ephemeral source ports: sustainable only while (port range) / 60 s exceeds the connection rate. */
    static List<Prediction> ephemeral(PhaseResult p, long ok) {
        List<Prediction> out = new ArrayList<>();
        int[] range = PortRangeModel.localPortRange();
        int size = PortRangeModel.rangeSize(range);
        double ceiling = PortRangeModel.ceilingPerSecond(size, TimeWaitModel.TIME_WAIT);
        OptionalLong firstFailure = p.transfers().stream().filter(t -> !t.ok())
                .mapToLong(t -> t.startMs() + t.totalMs()).min();
        long end = p.durationMs();
        long before = firstFailure.orElse(end);
        long okBefore = p.transfers().stream().filter(TransferRecord::ok)
                .filter(t -> t.startMs() + t.totalMs() <= before).count();
        double rate = before > 0 ? okBefore * 1000.0 / before : 0;
        String why = String.format("%d ports (%d-%d), each held 60 s in TIME_WAIT: at most %.0f new connections/s",
                size, range[0], range[1], ceiling);
        double lastSeconds = rate > 0 ? size / rate : Double.POSITIVE_INFINITY;
        long failed = p.transfers().size() - ok;
        if (end / 1000.0 < lastSeconds) {
            out.add(new Prediction("ephemeral ceiling", "failed transfers", 0, failed, String.format(
                    "at %.0f ok/s the ports last %.0f s, longer than this %.1f s phase; ", rate, lastSeconds, end / 1000.0)
                    + why));
            return out;
        }
        out.add(new Prediction("ephemeral ceiling", "seconds until bind fails", lastSeconds,
                firstFailure.isPresent() ? firstFailure.getAsLong() / 1000.0 : end / 1000.0,
                String.format("at %.0f ok/s the %d ports last %.0f s; ", rate, size, lastSeconds) + why));
        // Ports come back as their TIME_WAIT ends, in the order and at the rate they were taken, so
        // the steady state shows over one whole minute after they ran out: every port once.
        if (firstFailure.isPresent() && end - before >= TimeWaitModel.TIME_WAIT.toMillis()) {
            long windowEnd = before + TimeWaitModel.TIME_WAIT.toMillis();
            long okInMinute = p.transfers().stream().filter(TransferRecord::ok)
                    .filter(t -> t.startMs() + t.totalMs() > before && t.startMs() + t.totalMs() <= windowEnd).count();
            out.add(new Prediction("ephemeral ceiling", "ok/s in the minute after ports ran out", ceiling,
                    okInMinute / 60.0, why));
        }
        return out;
    }

    /** A SITE STATS counter of the phase; one the server lacks counts as 0. */
    private static long counter(PhaseResult p, String name) {
        return Math.max(0, p.serverCounter(name));
    }
}
