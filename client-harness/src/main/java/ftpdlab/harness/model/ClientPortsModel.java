package ftpdlab.harness.model;

import java.time.Duration;
import java.util.Locale;

/**
 * The fixed data port's ceiling with TCP timestamps off: every data connection comes from
 * (server ip, fixed port), so a client (ip, port) can be used once per TIME_WAIT period (60 s).
 * A client address whose listeners draw from P ports gives at most P successful connections per
 * 60 s; K such addresses give K x P; the server's own rate takes over beyond that.
 *
 * <p>Each listener takes a random free port of its pool; in one 60 s window the successes are the
 * distinct ports drawn, P(1 - e^(-n/P)) for n draws (the coupon collector), so n much larger
 * than P gives P.
 *
 * <p>It holds while a host has no more listeners open at once than its pool: once every odd port
 * of the lower half is held, bind(0) takes the even ones, then the upper half, so more ports come
 * into play (measured: 32 sessions on one host with a 100-port range got 55, not 25).
 *
 * <p>{@code main} prints one run's model for scripts/netns-lab.sh:
 * {@code ClientPortsModel LOW HIGH HOSTS SESSIONS_PER_HOST ATTEMPTS SECONDS MEASURED_OK}.
 */
public final class ClientPortsModel {

    private ClientPortsModel() {
    }

    /** Distinct ports drawn in {@code attempts} uniform draws from {@code ports}: successes of one window. */
    public static double successesPerWindow(int ports, double attempts) {
        return ports == 0 ? 0 : ports * (1 - Math.exp(-attempts / ports));
    }

    /**
     * Successes with timestamps off for {@code attempts} spread evenly over {@code hosts} client
     * addresses of {@code ports} listener ports each, during {@code duration} (at least one window).
     */
    public static double successes(int ports, int hosts, long attempts, Duration duration) {
        double windows = Math.max(1.0, duration.toMillis() / (double) TimeWaitModel.TIME_WAIT.toMillis());
        double perHostPerWindow = attempts / (double) hosts / windows;
        return hosts * windows * successesPerWindow(ports, perHostPerWindow);
    }

    /** The sustained ceiling, successful data connections a second, for {@code hosts} client addresses. */
    public static double ceilingPerSecond(int ports, int hosts) {
        return PortRangeModel.ceilingPerSecond(ports * hosts, TimeWaitModel.TIME_WAIT);
    }

    /**
     * Client addresses a fixed-port server needs to sustain {@code rate} transfers a second with
     * timestamps off: one per P / 60 s of rate, rounded up.
     */
    public static long addressesNeeded(double rate, int ports) {
        return (long) Math.ceil(rate / PortRangeModel.ceilingPerSecond(ports, TimeWaitModel.TIME_WAIT));
    }

    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println("usage: ClientPortsModel LOW HIGH HOSTS SESSIONS_PER_HOST ATTEMPTS SECONDS MEASURED_OK");
            System.exit(2);
        }
        int[] range = {Integer.parseInt(args[0]), Integer.parseInt(args[1])};
        int hosts = Integer.parseInt(args[2]);
        int sessions = Integer.parseInt(args[3]);
        long attempts = Long.parseLong(args[4]);
        Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(args[5]) * 1000));
        long measured = Long.parseLong(args[6]);
        int ports = PortRangeModel.listenerPorts(range, true);
        double expected = successes(ports, hosts, attempts, duration);
        Prediction p = new Prediction("timestamps-off cap", "ok transfers", Math.round(expected), measured,
                String.format(Locale.ROOT, "%d host(s) x %d listener ports (the odd ports of the lower half of %d-%d, which"
                        + " bind(0) offers a SO_REUSEADDR listener; %d ports in the range), each port usable once per 60 s:"
                        + " %d attempts in %.1f s; ceiling %.1f/s", hosts, ports, range[0], range[1],
                        PortRangeModel.rangeSize(range), attempts, duration.toMillis() / 1000.0,
                        ceilingPerSecond(ports, hosts)));
        System.out.println(p.line());
        if (sessions > ports) {
            System.out.println("  (does not apply as is: " + sessions + " sessions per host can hold more listeners at once"
                    + " than its " + ports + " ports, and bind(0) then takes even and upper-half ports too)");
        }
    }
}
