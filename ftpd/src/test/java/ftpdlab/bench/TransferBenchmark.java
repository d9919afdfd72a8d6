package ftpdlab.bench;

import ftpdlab.testing.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Not a test: measures a 64 MiB RETR (passive and active) next to a raw loopback copy of the same
 * file in the same run, with the two ways of sending a file (heap buffer, FileChannel.transferTo).
 * Run with scripts/bench-ftpd.sh. Prints medians of several rounds in MiB/s.
 */
public final class TransferBenchmark {

    private static final int SIZE = 64 * 1024 * 1024;
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        try (TestServer ts = new TestServer().start()) {
            byte[] content = new byte[SIZE];
            new Random(1).nextBytes(content);
            Path file = ts.write("64m.bin", content);
            System.out.printf("64 MiB, median of %d rounds (after one warm-up round), loopback, %d cores%n",
                    ROUNDS, Runtime.getRuntime().availableProcessors());
            report("raw loopback copy, 64 KiB heap buffer", () -> rawCopy(file, false));
            report("raw loopback copy, FileChannel.transferTo", () -> rawCopy(file, true));
            report("ftpd RETR passive (commons-net client)", () -> retr(ts, true));
            report("ftpd RETR active  (commons-net client)", () -> retr(ts, false));
        }
    }

    interface Run {
        long bytes() throws Exception;
    }

    private static void report(String what, Run run) throws Exception {
        run.bytes();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            long n = run.bytes();
            double s = (System.nanoTime() - t0) / 1e9;
            if (n != SIZE) {
                throw new IllegalStateException(what + ": moved " + n + " bytes");
            }
            rates.add(n / 1048576.0 / s);
        }
        Collections.sort(rates);
        System.out.printf("  %-45s %8.0f MiB/s  (min %.0f, max %.0f)%n", what, rates.get(ROUNDS / 2), rates.get(0),
                rates.get(ROUNDS - 1));
    }

    private static long retr(TestServer ts, boolean passive) throws Exception {
        FTPClient c = ts.client(passive);
        try (InputStream in = c.retrieveFileStream("64m.bin")) {
            long n = drain(in);
            if (!c.completePendingCommand()) {
                throw new IllegalStateException(c.getReplyString());
            }
            return n;
        } finally {
            c.disconnect();
        }
    }

    private static long rawCopy(Path file, boolean transferTo) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread sender = new Thread(() -> {
                try (SocketChannel s = server.accept(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    if (transferTo) {
                        // A real SocketChannel, so the kernel may use sendfile(2): the fair zero-copy contender.
                        long pos = 0;
                        while (pos < ch.size()) {
                            pos += ch.transferTo(pos, ch.size() - pos, s);
                        }
                    } else {
                        OutputStream out = s.socket().getOutputStream();
                        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                        while (ch.read(buf.clear()) > 0) {
                            out.write(buf.array(), 0, buf.position());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort())) {
                long n = drain(s.getInputStream());
                sender.join();
                return n;
            }
        }
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
        }
        return n;
    }
}
