package ftpdlab.harness.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Counts sockets from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the fallback
 * where {@code ss} is missing. It reads every socket of the host at each sample, so with 100k
 * TIME_WAIT sockets one reading takes a good part of a second.
 */
public final class ProcNetTcp implements SocketCounter {

    public static final String NAME = "/proc/net/tcp";

    static final Path PROC_TCP = Path.of("/proc/net/tcp");
    static final Path PROC_TCP6 = Path.of("/proc/net/tcp6");

    private static final int STATE_ESTABLISHED = 0x01;
    private static final int STATE_TIME_WAIT = 0x06;
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** False where there is no readable {@code /proc/net/tcp} (macOS, BSD, some sandboxes). */
    public static boolean available() {
        try (BufferedReader r = Files.newBufferedReader(PROC_TCP, StandardCharsets.US_ASCII)) {
            return r.readLine() != null;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    @Override
    public SocketSample sample(int localPort, long tMs) {
        int[] counts = new int[2];
        count(PROC_TCP, localPort, counts, true);
        // tcp6 is missing when IPv6 is disabled in the kernel; IPv4 alone is then the whole picture.
        count(PROC_TCP6, localPort, counts, false);
        return new SocketSample(tMs, counts[0], counts[1]);
    }

    @Override
    public String name() {
        return NAME;
    }

    private static void count(Path file, int localPort, int[] counts, boolean required) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            count(r, localPort, counts);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the lines' ESTABLISHED sockets on {@code localPort} to {@code counts[0]} and TIME_WAIT ones to {@code counts[1]}. */
    static void count(BufferedReader r, int localPort, int[] counts) throws IOException {
        forEachSocket(r, (port, state) -> {
            if (localPort != ALL_PORTS && port != localPort) {
                return;
            }
            if (state == STATE_ESTABLISHED) {
                counts[0]++;
            } else if (state == STATE_TIME_WAIT) {
                counts[1]++;
            }
        });
    }

    /** One socket of a {@code /proc/net} table: its local port and its state (TCP: 0x06 is TIME_WAIT). */
    public interface Row {
        void accept(int localPort, int state);
    }

    /**
     * Hands every socket line of a {@code /proc/net/{tcp,tcp6,udp,udp6}} table to {@code row}. Lines look like
     * {@code "   0: 0100007F:0844 0100007F:A1B2 06 00000000:00000000 03:00000F3A 00000000 0 0 0 ..."};
     * the header and anything malformed are skipped.
     */
    public static void forEachSocket(BufferedReader r, Row row) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            String[] f = BLANKS.split(line.trim(), 5);
            // f[0] "sl:", f[1] local ADDR:PORT, f[2] remote ADDR:PORT, f[3] state
            if (f.length < 4 || !f[0].endsWith(":")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0 || colon == f[1].length() - 1) {
                continue;
            }
            int port;
            int state;
            try {
                port = Integer.parseInt(f[1].substring(colon + 1), 16);
                state = Integer.parseInt(f[3], 16);
            } catch (NumberFormatException e) {
                continue;
            }
            row.accept(port, state);
        }
    }
}
