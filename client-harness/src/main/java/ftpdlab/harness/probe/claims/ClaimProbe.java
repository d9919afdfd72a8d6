package ftpdlab.harness.probe.claims;

import ftpdlab.harness.probe.Errno;
import ftpdlab.harness.probe.KernelProbe;
import ftpdlab.harness.probe.KernelTable;
import ftpdlab.harness.probe.PortSource;
import ftpdlab.harness.probe.ProbeMatrix;
import ftpdlab.harness.probe.ProbeMatrix.Options;
import ftpdlab.harness.probe.claims.Spec.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the cells of {@link CellPlan} on this kernel, loopback only, each on a fresh port, each
 * bounded in time; a cell that cannot run here is reported "not run: why", never guessed.
 */
public final class ClaimProbe {

    private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TIME_WAIT_WAIT = Duration.ofSeconds(5);
    /** How long a datagram may take to show up at all, and how long the other sockets get once one has it. */
    private static final long FIRST_DATAGRAM_MS = 1000;
    private static final long OTHER_DATAGRAMS_MS = 150;

    private final Instant deadline;
    private final PortSource ports;
    private final KernelTable table = new KernelTable();
    private final KernelProbe fixedPort;
    private final OtherProcess otherProcess;

    public ClaimProbe(Instant deadline, PortSource ports, OtherProcess otherProcess) throws IOException {
        this.deadline = deadline;
        this.ports = ports;
        this.otherProcess = otherProcess;
        this.fixedPort = new KernelProbe(InetAddress.getByName("127.0.0.1"), deadline, ports);
    }

    public List<ClaimCell> run() {
        List<ClaimCell> cells = new ArrayList<>();
        for (Spec spec : CellPlan.CELLS) {
            cells.add(run(spec));
        }
        return cells;
    }

    ClaimCell run(Spec spec) {
        if (Instant.now().isAfter(deadline)) {
            return ClaimCell.notRun(spec.id(), spec.describe(), "not run: time limit", spec.freebsd());
        }
        ClaimCell first = attempt(spec);
        // As in probe: a set-up that failed gets one more try on another fresh port.
        return first.measured() || first.detail().startsWith("not run") ? first : attempt(spec);
    }

    private ClaimCell attempt(Spec spec) {
        try {
            return switch (spec.kind()) {
                case RESTART -> restart(spec);
                case PAIR -> pair(spec);
                case OTHER_PROCESS, OTHER_USER -> otherProcess(spec);
                case FIXED_PORT -> fixedPort(spec);
            };
        } catch (NotRunHere e) {
            return ClaimCell.notRun(spec.id(), spec.describe(), "not run: " + e.getMessage(), spec.freebsd());
        } catch (IOException e) {
            return ClaimCell.notRun(spec.id(), spec.describe(), "setup failed: " + Errno.of(e), spec.freebsd());
        }
    }

    private ClaimCell measured(Spec spec, String bind, String detail) {
        return new ClaimCell(spec.id(), spec.describe(), true, bind, null, 0, 0, detail, spec.freebsd());
    }

    /** The old listener accepts one connection and closes its side first: TIME_WAIT on the port, as after a restart. */
    private ClaimCell restart(Spec spec) throws IOException {
        InetAddress local = address(spec.first());
        int port = ports.next(local);
        InetSocketAddress at = new InetSocketAddress(local, port);
        try (ServerSocket old = listener(spec.firstOptions())) {
            old.bind(at, 1);
            old.setSoTimeout(millis(IO_TIMEOUT));
            try (Socket client = new Socket()) {
                client.connect(at, millis(IO_TIMEOUT));
                try (Socket accepted = old.accept()) {
                    accepted.close();
                    client.setSoTimeout(millis(IO_TIMEOUT));
                    try (InputStream in = client.getInputStream()) {
                        if (in.read() != -1) {
                            throw new IOException("the client read data instead of the close");
                        }
                    }
                }
            }
        }
        if (table.available()) {
            table.awaitTimeWait(port, TIME_WAIT_WAIT);
        }
        try (ServerSocket restarted = listener(spec.secondOptions())) {
            return bindOutcome(spec, () -> restarted.bind(at, 1));
        }
    }

    private ClaimCell pair(Spec spec) throws IOException {
        InetAddress a = address(spec.first());
        InetAddress b = address(spec.second());
        int port = ports.next(b.isMulticastAddress() || b.isAnyLocalAddress() ? a : b);
        if (!spec.udp()) {
            try (Closeable first = tcp(new InetSocketAddress(a, port), spec.firstOptions(), spec.listen());
                    Closeable second = spec.listen() ? listener(spec.secondOptions()) : socket(spec.secondOptions())) {
                InetSocketAddress at = new InetSocketAddress(b, port);
                return bindOutcome(spec, () -> {
                    if (second instanceof ServerSocket ss) {
                        ss.bind(at, 1);
                    } else {
                        ((Socket) second).bind(at);
                    }
                });
            }
        }
        try (DatagramChannel first = udp(a, spec.firstOptions()); DatagramChannel second = udp(b, spec.secondOptions())) {
            first.bind(new InetSocketAddress(a, port));
            join(first, a);
            try {
                second.bind(new InetSocketAddress(b, port));
            } catch (IOException e) {
                return measured(spec, Errno.of(e), null);
            }
            join(second, b);
            if (spec.send() == 0) {
                return measured(spec, ClaimCell.OK, null);
            }
            int[] got = deliver(new InetSocketAddress(b, port), spec.send(), first, second);
            String receivers = got[0] > 0 && got[1] > 0 ? "both" : got[0] > 0 ? "first" : got[1] > 0 ? "second" : "none";
            return new ClaimCell(spec.id(), spec.describe(), true, ClaimCell.OK, receivers, spec.send(), got[0] + got[1],
                    null, spec.freebsd());
        }
    }

    private ClaimCell otherProcess(Spec spec) throws IOException {
        InetAddress local = address(spec.first());
        int port = ports.next(local);
        InetSocketAddress at = new InetSocketAddress(local, port);
        try (Closeable first = spec.udp() ? udpBound(at, spec.firstOptions()) : tcp(at, spec.firstOptions(), true)) {
            String result = otherProcess.bind(spec.kind() == Kind.OTHER_USER, spec.udp(), at, spec.secondOptions(),
                    Duration.between(Instant.now(), deadline));
            return measured(spec, result, null);
        }
    }

    private ClaimCell fixedPort(Spec spec) {
        ProbeMatrix.Cell c = fixedPort.cell(spec.state(), spec.firstOptions(), spec.secondOptions());
        if (c.status() != ProbeMatrix.Status.MEASURED) {
            String why = c.status() == ProbeMatrix.Status.SETUP_FAILED ? c.detail() : "not run: " + c.detail();
            return ClaimCell.notRun(spec.id(), spec.describe(), why, spec.freebsd());
        }
        return measured(spec, c.bind(), c.connect() == null ? null : "connect " + c.connect());
    }

    private interface Bind {
        void run() throws IOException;
    }

    private ClaimCell bindOutcome(Spec spec, Bind bind) {
        try {
            bind.run();
            return measured(spec, ClaimCell.OK, null);
        } catch (IOException e) {
            return measured(spec, Errno.of(e), null);
        }
    }

    /**
     * Sends {@code count} datagrams to {@code to}, each from a sender socket of its own, and counts
     * what each of the two sockets received.
     */
    private int[] deliver(InetSocketAddress to, int count, DatagramChannel first, DatagramChannel second)
            throws IOException {
        try (Selector selector = Selector.open()) {
            first.configureBlocking(false).register(selector, SelectionKey.OP_READ, 0);
            second.configureBlocking(false).register(selector, SelectionKey.OP_READ, 1);
            for (int i = 0; i < count; i++) {
                try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
                    if (to.getAddress().isMulticastAddress()) {
                        sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopbackInterface());
                        sender.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                    }
                    sender.send(ByteBuffer.wrap(new byte[] {42}), to);
                }
            }
            int[] got = new int[2];
            ByteBuffer buf = ByteBuffer.allocate(16);
            long end = System.nanoTime() + FIRST_DATAGRAM_MS * 1_000_000;
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0 || selector.select(left) == 0) {
                    break;
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    buf.clear();
                    while (((DatagramChannel) k.channel()).receive(buf) != null) {
                        got[(Integer) k.attachment()]++;
                        buf.clear();
                    }
                }
                selector.selectedKeys().clear();
                // Once datagrams arrive, any copies for the other socket are queued with them or never come.
                end = Math.min(end, System.nanoTime() + OTHER_DATAGRAMS_MS * 1_000_000);
            }
            return got;
        }
    }

    private static void join(DatagramChannel ch, InetAddress a) throws IOException {
        if (a.isMulticastAddress()) {
            ch.join(a, loopbackInterface());
        }
    }

    private static NetworkInterface loopbackInterface() throws IOException {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("127.0.0.1"));
        if (lo == null) {
            throw new NotRunHere("no interface holds 127.0.0.1");
        }
        return lo;
    }

    private static DatagramChannel udpBound(InetSocketAddress at, Options o) throws IOException {
        return configured(udp(at.getAddress(), o), ch -> ch.bind(at));
    }

    private static Closeable tcp(InetSocketAddress at, Options o, boolean listen) throws IOException {
        if (listen) {
            return configured(listener(o), s -> s.bind(at, 1));
        }
        return configured(socket(o), s -> s.bind(at));
    }

    /** Options set explicitly both ways: a JDK ServerSocket on Linux starts with SO_REUSEADDR on. */
    private static ServerSocket listener(Options o) throws IOException {
        return configured(new ServerSocket(), s -> {
            s.setReuseAddress(o.reuseAddress());
            s.setOption(StandardSocketOptions.SO_REUSEPORT, o.reusePort());
        });
    }

    private static Socket socket(Options o) throws IOException {
        return configured(new Socket(), s -> {
            s.setReuseAddress(o.reuseAddress());
            s.setOption(StandardSocketOptions.SO_REUSEPORT, o.reusePort());
        });
    }

    private static DatagramChannel udp(InetAddress a, Options o) throws IOException {
        return configured(DatagramChannel.open(a instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET), ch -> {
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, o.reuseAddress());
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, o.reusePort());
                });
    }

    private interface Setup<T> {
        void apply(T t) throws IOException;
    }

    /** {@code c} after {@code setup}, or closed if the setup throws. */
    private static <T extends Closeable> T configured(T c, Setup<T> setup) throws IOException {
        try {
            setup.apply(c);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The address, or "not run" when this host has no such address (IPv6 off, say). */
    private static InetAddress address(String literal) throws IOException {
        InetAddress a = InetAddress.getByName(literal);
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return a;
        }
        try (Socket probe = new Socket()) {
            probe.bind(new InetSocketAddress(a, 0));
        } catch (IOException e) {
            throw new NotRunHere("no " + literal + " on this host (" + Errno.of(e) + ")");
        }
        return a;
    }

    private static int millis(Duration d) {
        return (int) d.toMillis();
    }

    /** The cell cannot run on this host; the message says why. */
    static final class NotRunHere extends IOException {
        NotRunHere(String why) {
            super(why);
        }
    }
}
