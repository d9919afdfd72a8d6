package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe's port picker against the kernel's real tables: a port with a TIME_WAIT entry is never handed out. */
@Timeout(30)
class FreePortsTest {

    private final KernelTable table = new KernelTable();
    private InetAddress loopback;

    @BeforeEach
    void linuxWithProc() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
        Assumptions.assumeTrue(table.available(), "needs /proc/net/tcp");
        loopback = InetAddress.getByName("127.0.0.1");
    }

    /**
     * A port whose only socket is a TIME_WAIT entry: this side connected from it and closed first.
     * With SO_REUSEADDR, as ftpd's data sockets after a load: the entry keeps it.
     */
    private int timeWaitPort() throws IOException {
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(new InetSocketAddress(loopback, 0));
            int port;
            try (Socket s = new Socket()) {
                s.setReuseAddress(true);
                s.connect(peer.getLocalSocketAddress(), 2000);
                port = s.getLocalPort();
                try (Socket accepted = peer.accept()) {
                    s.close();
                    accepted.setSoTimeout(2000);
                    try (InputStream in = accepted.getInputStream()) {
                        assertThat(in.read()).isEqualTo(-1);
                    }
                }
            }
            table.awaitTimeWait(port, Duration.ofSeconds(5));
            return port;
        }
    }

    @Test
    void aPortInTimeWaitIsNeverHandedOutThoughAServerSocketWouldTakeIt() throws Exception {
        int port = timeWaitPort();

        // Why a ServerSocket is no oracle: with its SO_REUSEADDR it binds there, an exclusive bind does not.
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.setReuseAddress(true);
            reuse.bind(new InetSocketAddress(loopback, port));
        }
        try (Socket exclusive = new Socket()) {
            assertThatThrownBy(() -> exclusive.bind(new InetSocketAddress(loopback, port)))
                    .isInstanceOf(BindException.class);
        }

        assertThat(table.timeWait(port)).isPositive();
        assertThat(table.portsInUse()).contains(port);
        assertThatThrownBy(() -> new FreePorts(table, port, port).next(loopback))
                .isInstanceOf(IOException.class).hasMessageContaining("free of sockets of every state");
    }

    @Test
    void aRangeWithOneTimeWaitPortGivesTheOthersOnlyAndEachOnce() throws Exception {
        int port = timeWaitPort();
        int low = Math.max(1024, port - 3);
        int high = Math.min(65535, port + 3);
        FreePorts picker = new FreePorts(table, low, high);
        long free = java.util.stream.IntStream.rangeClosed(low, high).filter(p -> {
            try {
                return !table.portsInUse().contains(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();

        java.util.Set<Integer> handed = new java.util.HashSet<>();
        for (int i = 0; i < free; i++) {
            handed.add(picker.next(loopback));
        }

        assertThat(handed).hasSize((int) free).doesNotContain(port).allSatisfy(p -> assertThat(p).isBetween(low, high));
    }

    @Test
    void aPortHeldByAUdpSocketIsNotFree() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = udp.getLocalPort();
            assertThatThrownBy(() -> new FreePorts(table, port, port).next(loopback)).isInstanceOf(IOException.class);
        }
    }
}
