package ftpdlab.bench;

import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * Not a test: a 64 MiB RETR (passive and active) next to raw loopback copies of the same file in
 * the same run, one per way of sending a file (heap buffer, reused direct buffer, sendfile), in
 * interleaved rounds so that a busy moment of the machine hits every variant alike. Every
 * variant's receiver is the same loop over a plain SocketChannel: for ftpd, commons-net drives the
 * control connection only and the data socket is read here, so the client's stream copying cannot
 * make the server look slow. Run with scripts/bench-ftpd.sh. Prints MiB/s per variant, its time to
 * the first byte (for ftpd: the command round trips a raw copy does not have), and the ratio of each
 * ftpd variant to the best raw copy and to the raw sendfile copy.
 */
public final class TransferBenchmark {

    private static final int SIZE = 64 * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;
    private static final int ROUNDS = 61;
    private static final int MIN_ROUNDS = 5;
    /** No new round starts after this (once MIN_ROUNDS are done), so a slow machine still ends in time. */
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(75);
    private static final long RUN_TIMEOUT_S = 20;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String WARM_UP_FILE = "warm-up.bin";
    private static final int WARM_UP_SIZE = 256 * 1024;
    private static final int WARM_UP_TRANSFERS = 4000;
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final Pattern PASV = Pattern.compile("\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\)");

    /** How a raw copy sends the file; each buffer is allocated once and reused, as a server would. */
    private enum Send {
        HEAP("raw copy, 64 KiB heap buffer") {
            private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);

            @Override
            void send(FileChannel file, SocketChannel socket) throws IOException {
                copy(file, socket, buf);
            }
        },
        DIRECT("raw copy, 64 KiB direct buffer (reused)") {
            private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);

            @Override
            void send(FileChannel file, SocketChannel socket) throws IOException {
                copy(file, socket, buf);
            }
        },
        SENDFILE("raw copy, FileChannel.transferTo (sendfile)") {
            @Override
            void send(FileChannel file, SocketChannel socket) throws IOException {
                // A real SocketChannel, so the JDK uses sendfile(2).
                for (long pos = 0, size = file.size(); pos < size; ) {
                    pos += file.transferTo(pos, size - pos, socket);
                }
            }
        };

        final String label;

        Send(String label) {
            this.label = label;
        }

        abstract void send(FileChannel file, SocketChannel socket) throws IOException;

        static void copy(FileChannel file, SocketChannel socket, ByteBuffer buf) throws IOException {
            while (file.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    socket.write(buf);
                }
            }
        }
    }

    /** One copy's clock: from its first step (listen, PASV or PORT) to its first byte and to its end. */
    private record Timing(long firstByteNanos, long nanos) {
    }

    /** One way of moving the file; times only the copy (an ftpd login is before the clock). */
    private interface Copy {
        Timing run() throws Exception;
    }

    private record Variant(String label, Copy copy, List<Double> rates, List<Double> firstByteMs) {
        Variant(String label, Copy copy) {
            this(label, copy, new ArrayList<>(), new ArrayList<>());
        }

        double median() {
            return sorted(rates).get(rates.size() / 2);
        }

        static List<Double> sorted(List<Double> values) {
            List<Double> s = new ArrayList<>(values);
            Collections.sort(s);
            return s;
        }
    }

    private final TestServer ts;
    private final Path file;
    /** The receiver's one buffer, the same for every variant. */
    private final ByteBuffer receive = ByteBuffer.allocateDirect(BUFFER);
    /** When the receiver's last {@link #drain} got its first byte. */
    private long firstByte;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("raw-sender"));
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("watchdog"));

    private TransferBenchmark(TestServer ts, Path file) {
        this.ts = ts;
        this.file = file;
    }

    public static void main(String[] args) throws Exception {
        try (TestServer ts = new TestServer().start()) {
            byte[] content = new byte[SIZE];
            new Random(1).nextBytes(content);
            Path file = ts.write("64m.bin", content);
            ts.write(WARM_UP_FILE, Arrays.copyOf(content, WARM_UP_SIZE));
            new TransferBenchmark(ts, file).run();
        }
    }

    private void run() throws Exception {
        List<Variant> raw = new ArrayList<>();
        for (Send how : Send.values()) {
            raw.add(new Variant(how.label, () -> rawCopy(how)));
        }
        List<Variant> ftpd = List.of(new Variant("ftpd RETR passive", () -> retr(true)),
                new Variant("ftpd RETR active", () -> retr(false)));
        List<Variant> all = new ArrayList<>(raw);
        all.addAll(ftpd);

        long warmStart = System.nanoTime();
        int warmed = warmUp();
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        long start = System.nanoTime();
        int rounds = 0;
        // Round 0 warms up (JIT, page cache); each round starts one variant later, so none is always first.
        for (int r = 0; r <= ROUNDS; r++) {
            if (r > MIN_ROUNDS && System.nanoTime() - start > BUDGET_NANOS) {
                break;
            }
            for (int k = 0; k < all.size(); k++) {
                Variant v = all.get((r + k) % all.size());
                Timing t = v.copy().run();
                if (r > 0) {
                    v.rates().add(SIZE / 1048576.0 / (t.nanos() / 1e9));
                    v.firstByteMs().add(t.firstByteNanos() / 1e6);
                }
            }
            rounds = r;
        }
        sender.shutdownNow();
        watchdog.shutdownNow();

        System.out.printf("64 MiB file, loopback, %d cores: %d warm-up RETRs of %d KiB (%.1f s), 1 warm-up round + %d interleaved rounds (%.0f s)%n",
                Runtime.getRuntime().availableProcessors(), warmed, WARM_UP_SIZE / 1024, warmSeconds, rounds,
                (System.nanoTime() - start) / 1e9);
        System.out.println("receiver, every variant: blocking SocketChannel read into one reused 64 KiB direct buffer, "
                + "to EOF; ftpd: commons-net on the control connection (login before the clock, PASV/PORT to 226 timed), "
                + "the data socket read by that same loop");
        Variant best = raw.stream().max((a, b) -> Double.compare(a.median(), b.median())).orElseThrow();
        Variant sendfile = raw.get(Send.SENDFILE.ordinal());
        System.out.printf("  %-45s %6s %6s %6s %11s  %9s  %9s  %s%n", "variant", "MiB/s", "min", "max", "1st byte ms",
                "/best raw", "/sendfile", "/sendfile of the same round: median (range)");
        for (Variant v : all) {
            List<Double> s = Variant.sorted(v.rates());
            System.out.printf("  %-45s %6.0f %6.0f %6.0f %11.2f", v.label(), v.median(), s.get(0), s.get(s.size() - 1),
                    Variant.sorted(v.firstByteMs()).get(s.size() / 2));
            if (ftpd.contains(v)) {
                List<Double> sameRound = new ArrayList<>();
                for (int i = 0; i < v.rates().size(); i++) {
                    sameRound.add(v.rates().get(i) / sendfile.rates().get(i));
                }
                Collections.sort(sameRound);
                System.out.printf("  %9.2f  %9.2f  %.2f (%.2f - %.2f)", v.median() / best.median(),
                        v.median() / sendfile.median(), sameRound.get(sameRound.size() / 2), sameRound.get(0),
                        sameRound.get(sameRound.size() - 1));
            }
            System.out.println();
        }
        System.out.printf("fastest raw copy: %s (median %.0f MiB/s)%n", best.label().replace("raw copy, ", ""), best.median());
        for (Variant v : ftpd) {
            System.out.printf("target %s >= 90 %% of the best raw copy: %s (%.0f %%)%n", v.label(),
                    v.median() >= 0.9 * best.median() ? "met" : "NOT met", 100 * v.median() / best.median());
        }
    }

    private Timing rawCopy(Send how) throws Exception {
        long t0 = System.nanoTime();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            Future<?> sent = sender.submit(() -> {
                try (SocketChannel s = listener.accept(); FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
                    how.send(f, s);
                }
                return null;
            });
            try (SocketChannel in = SocketChannel.open(listener.getLocalAddress())) {
                long n = drain(in);
                sent.get(RUN_TIMEOUT_S, TimeUnit.SECONDS);
                return elapsed(how.label, n, t0);
            }
        }
    }

    private Timing retr(boolean passive) throws Exception {
        FTPClient c = ts.client(passive);
        try {
            long t0 = System.nanoTime();
            long n = transfer(c, passive, "64m.bin");
            return elapsed("RETR " + (passive ? "passive" : "active"), n, t0);
        } finally {
            c.disconnect();
        }
    }

    /** One RETR on a logged-in client, from PASV or PORT to the 226; returns the bytes received. */
    private long transfer(FTPClient c, boolean passive, String name) throws Exception {
        long n;
        if (passive) {
            expect(c, "PASV", c.pasv(), 227);
            try (SocketChannel data = SocketChannel.open(pasvAddress(c.getReplyString()))) {
                startRetr(c, name);
                n = drain(data);
            }
        } else {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(LOOPBACK, 0), 1);
                int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                expect(c, "PORT", c.port(LOOPBACK, port), 200);
                // The server connects before its 150 (the backlog takes it), so accept cannot wait in vain.
                startRetr(c, name);
                try (SocketChannel data = listener.accept()) {
                    n = drain(data);
                }
            }
        }
        if (!c.completePendingCommand()) {
            throw new IllegalStateException("RETR ended with " + c.getReplyString().strip());
        }
        return n;
    }

    /**
     * A server that has been running has its command and transfer paths compiled; the 64 MiB rounds
     * alone run them some forty times, which leaves them in the interpreter: the first byte came
     * 2.7 ms after the PASV, 0.8 - 0.9 ms once warm (a raw copy's: 0.3 - 0.4 ms). So before round 0, WARM_UP_FILE (larger than the
     * size a command thread answers at once, so it takes the 64 MiB file's path) is fetched in both
     * modes until WARM_UP_TRANSFERS or WARM_UP_NANOS, whichever comes first.
     */
    private int warmUp() throws Exception {
        long until = System.nanoTime() + WARM_UP_NANOS;
        int done = 0;
        for (boolean passive : new boolean[] {true, false}) {
            FTPClient c = ts.client(passive);
            try {
                for (int i = 0; i < WARM_UP_TRANSFERS / 2 && System.nanoTime() < until; i++, done++) {
                    long n = transfer(c, passive, WARM_UP_FILE);
                    if (n != WARM_UP_SIZE) {
                        throw new IllegalStateException("warm-up RETR received " + n + " bytes, not " + WARM_UP_SIZE);
                    }
                }
            } finally {
                c.disconnect();
            }
        }
        return done;
    }

    private static void startRetr(FTPClient c, String name) throws IOException {
        int code = c.retr(name);
        if (!FTPReply.isPositivePreliminary(code)) {
            throw new IllegalStateException("RETR got " + c.getReplyString().strip());
        }
    }

    private static void expect(FTPClient c, String command, int code, int wanted) {
        if (code != wanted) {
            throw new IllegalStateException(command + " got " + c.getReplyString().strip());
        }
    }

    private static InetSocketAddress pasvAddress(String reply) {
        Matcher m = PASV.matcher(reply);
        if (!m.find()) {
            throw new IllegalStateException("no address in " + reply.strip());
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        return new InetSocketAddress(host, Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)));
    }

    /** The receiver of every variant: reads to EOF; a copy that stalls is cut after RUN_TIMEOUT_S. */
    private long drain(SocketChannel in) throws IOException {
        ScheduledFuture<?> cut = watchdog.schedule(() -> {
            in.close();
            return null;
        }, RUN_TIMEOUT_S, TimeUnit.SECONDS);
        try {
            long n = 0;
            for (int r; (r = in.read(receive.clear())) >= 0; ) {
                if (n == 0 && r > 0) {
                    firstByte = System.nanoTime();
                }
                n += r;
            }
            return n;
        } catch (AsynchronousCloseException e) {
            throw new IOException("no end of data within " + RUN_TIMEOUT_S + " s", e);
        } finally {
            cut.cancel(false);
        }
    }

    private Timing elapsed(String what, long bytes, long t0) {
        if (bytes != SIZE) {
            throw new IllegalStateException(what + ": received " + bytes + " bytes, not " + SIZE);
        }
        return new Timing(firstByte - t0, System.nanoTime() - t0);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
