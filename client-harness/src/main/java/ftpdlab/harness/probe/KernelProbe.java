package ftpdlab.harness.probe;

import ftpdlab.harness.model.PortRangeModel;
import ftpdlab.harness.probe.ProbeMatrix.Cell;
import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.ProbeMatrix.Options;
import ftpdlab.harness.probe.ProbeMatrix.Status;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks the running kernel, on loopback, what a second socket's bind() to an ip:port that a first
 * socket holds returns, and whether a connect() from it to the first socket's peer goes through.
 * Every cell gets a fresh port and peer, so one cell's TIME_WAIT cannot decide another's; a cell
 * whose first socket cannot be set up is tried once more on another fresh port, and reported as
 * "setup failed" if it fails again.
 */
public final class KernelProbe {

    static final Duration TIME_WAIT_WAIT = Duration.ofSeconds(5);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);
    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4");

    private final InetAddress address;
    private final Instant deadline;
    private final boolean socketReusePort;
    private final boolean serverReusePort;
    private final boolean procAvailable;
    private final KernelTable table = new KernelTable();
    private final PortSource ports;

    /**
     * @param address  a loopback address: the probe never sends a packet off the host
     * @param deadline cells not started by then are reported as not run
     */
    public KernelProbe(InetAddress address, Instant deadline) throws IOException {
        this(address, deadline, FreePorts.belowEphemeralRange(PortRangeModel.localPortRange()[0]));
    }

    /** @param ports where each cell's fixed port comes from */
    public KernelProbe(InetAddress address, Instant deadline, PortSource ports) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + address.getHostAddress());
        }
        this.address = address;
        this.deadline = deadline;
        try (Socket s = new Socket(); ServerSocket ss = new ServerSocket()) {
            socketReusePort = s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
            serverReusePort = ss.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        }
        procAvailable = table.available();
        this.ports = ports;
    }

    public static String header() {
        return "kernel probe on " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + "), JDK " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + ")";
    }

    public ProbeMatrix run() {
        List<Cell> cells = new ArrayList<>();
        for (FirstState state : FirstState.values()) {
            for (Options first : Options.values()) {
                for (Options second : Options.values()) {
                    cells.add(cell(state, first, second));
                }
            }
        }
        // The JDK spells the only IPv6 loopback address 0:0:0:0:0:0:0:1; people type ::1.
        String shown = address instanceof Inet6Address ? "::1" : address.getHostAddress();
        return new ProbeMatrix(header(), shown, notes(), cells);
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!procAvailable) {
            notes.add("no /proc/net/tcp: time-wait cells assume TIME_WAIT once the peer has closed, unverified");
        }
        notes.addAll(sysctlNotes());
        return notes;
    }

    /** The sysctls that decide whether a connect() may take over a TIME_WAIT 4-tuple: the time-wait cells depend on them. */
    public static List<String> sysctlNotes() {
        List<String> notes = new ArrayList<>();
        for (String sysctl : List.of("tcp_timestamps", "tcp_tw_reuse")) {
            try {
                notes.add("net.ipv4." + sysctl + " = " + String.join(" ", Files.readAllLines(SYSCTL.resolve(sysctl))).trim());
            } catch (IOException | SecurityException e) {
                // not Linux, or hidden: the note is only context
            }
        }
        return notes;
    }

    /** One cell, on a fresh port; tried once more, on another, if its set-up fails. */
    public Cell cell(FirstState state, Options first, Options second) {
        Cell c = attempt(state, first, second);
        if (c.status() != Status.SETUP_FAILED) {
            return c;
        }
        Cell again = attempt(state, first, second);
        if (again.status() != Status.SETUP_FAILED) {
            return again;
        }
        return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "setup failed twice: " + again.detail());
    }

    private Cell attempt(FirstState state, Options first, Options second) {
        Duration left = remaining();
        if (left.isNegative() || left.isZero()) {
            return Cell.unmeasured(state, first, second, Status.NOT_RUN, "not run (time limit)");
        }
        boolean firstSupported = !first.reusePort() || (state == FirstState.LISTENING ? serverReusePort : socketReusePort);
        if (!firstSupported || (second.reusePort() && !socketReusePort)) {
            return Cell.unmeasured(state, first, second, Status.UNSUPPORTED, "SO_REUSEPORT not supported");
        }
        InetSocketAddress fixed;
        try {
            fixed = new InetSocketAddress(address, ports.next(address));
        } catch (IOException e) {
            return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "no free port: " + Errno.of(e));
        }
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(new InetSocketAddress(address, 0), 50);
            try (Held held = hold(state, first, fixed, peer)) {
                return second(state, first, second, fixed, peer.getLocalSocketAddress());
            } catch (SetupException e) {
                return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "first socket: " + e.getMessage());
            } catch (IOException e) {
                return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "first socket: " + Errno.of(e));
            }
        } catch (IOException e) {
            return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "peer listener: " + Errno.of(e));
        }
    }

    private Cell second(FirstState state, Options first, Options second, SocketAddress fixed, SocketAddress peer) {
        try (Socket s = configure(new Socket(), second)) {
            try {
                s.bind(fixed);
            } catch (IOException e) {
                return Cell.measured(state, first, second, Errno.of(e), null);
            }
            if (!state.hasPeer()) {
                return Cell.measured(state, first, second, ProbeMatrix.OK, null);
            }
            try {
                s.connect(peer, timeoutMillis());
                return Cell.measured(state, first, second, ProbeMatrix.OK, ProbeMatrix.OK);
            } catch (IOException e) {
                return Cell.measured(state, first, second, ProbeMatrix.OK, Errno.of(e));
            }
        } catch (IOException e) {
            // only setting options or closing can land here
            return Cell.unmeasured(state, first, second, Status.SETUP_FAILED, "second socket: " + Errno.of(e));
        }
    }

    /** Puts a first socket on {@code fixed} in {@code state}; what it returns holds it there until closed. */
    private Held hold(FirstState state, Options opts, SocketAddress fixed, ServerSocket peer) throws IOException {
        if (state == FirstState.LISTENING) {
            ServerSocket ss = new ServerSocket();
            try {
                // Explicitly, both ways: a JDK ServerSocket on Linux starts with SO_REUSEADDR on.
                ss.setReuseAddress(opts.reuseAddress());
                if (serverReusePort) {
                    ss.setOption(StandardSocketOptions.SO_REUSEPORT, opts.reusePort());
                }
                ss.bind(fixed, 50);
            } catch (IOException e) {
                ss.close();
                throw e;
            }
            return new Held(ss);
        }
        Socket s = configure(new Socket(), opts);
        Held held = new Held(s);
        try {
            s.bind(fixed);
            if (state == FirstState.BOUND) {
                return held;
            }
            s.connect(peer.getLocalSocketAddress(), timeoutMillis());
            peer.setSoTimeout(timeoutMillis());
            held.accepted = peer.accept();
            if (state == FirstState.CONNECTED) {
                return held;
            }
            // This side closes first, so TIME_WAIT lands on the fixed port, as after ftpd's data transfer.
            s.close();
            held.accepted.setSoTimeout(timeoutMillis());
            try (InputStream in = held.accepted.getInputStream()) {
                if (in.read() != -1) {
                    throw new SetupException("peer read data instead of the close");
                }
            }
            held.accepted.close();
            awaitTimeWait(((InetSocketAddress) fixed).getPort());
            return held;
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private void awaitTimeWait(int port) throws SetupException {
        if (!procAvailable) {
            return;
        }
        try {
            table.awaitTimeWait(port, Duration.ofNanos(Math.min(TIME_WAIT_WAIT.toNanos(), Math.max(0, remaining().toNanos()))));
        } catch (IOException e) {
            throw new SetupException(e.getMessage());
        }
    }

    private Socket configure(Socket s, Options opts) throws IOException {
        try {
            s.setReuseAddress(opts.reuseAddress());
            if (socketReusePort) {
                s.setOption(StandardSocketOptions.SO_REUSEPORT, opts.reusePort());
            }
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Duration remaining() {
        return Duration.between(Instant.now(), deadline);
    }

    /** Bounded by the deadline too, so a stuck cell cannot hold the whole probe past its limit. */
    private int timeoutMillis() {
        long ms = Math.min(IO_TIMEOUT.toMillis(), remaining().toMillis());
        return (int) Math.max(1, ms);
    }

    /** The first socket's resources, closed together at the end of a cell. */
    private static final class Held implements Closeable {
        private final Closeable first;
        private Socket accepted;

        Held(Closeable first) {
            this.first = first;
        }

        @Override
        public void close() throws IOException {
            try (Socket a = accepted; Closeable f = first) {
                // both closed by the try, the first socket before its peer's end
            }
        }
    }

    /** The first socket could not be put in its state, for a reason other than a socket error. */
    private static final class SetupException extends IOException {
        SetupException(String message) {
            super(message);
        }
    }
}
