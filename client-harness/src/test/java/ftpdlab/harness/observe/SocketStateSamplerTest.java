package ftpdlab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SocketStateSamplerTest {

    // Port 0x0844 = 2116; a real /proc/net/tcp and tcp6 excerpt with that port in several roles.
    private static final String PROC_TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:0844 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41213 1 0000000000000000 100 0 0 10 0
               1: 0100007F:0844 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 41999 1 0000000000000000 20 4 30 10 -1
               2: 0100007F:0844 0100007F:D432 06 00000000:00000000 03:00001625 00000000     0        0 0 3 0000000000000000
               3: 0100007F:0844 0100007F:D433 06 00000000:00000000 03:000016F0 00000000     0        0 0 3 0000000000000000
               4: 0100007F:D431 0100007F:0844 01 00000000:00000000 00:00000000 00000000  1000        0 41998 1 0000000000000000 20 4 30 10 -1
               5: 0100007F:1844 0100007F:0844 06 00000000:00000000 03:00001625 00000000     0        0 0 3 0000000000000000
               6: garbage line
               7: 0100007F:zz 0100007F:0844 06
            """;
    private static final String PROC_TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0000000000000000FFFF00000100007F:0844 0000000000000000FFFF00000100007F:D500 01 00000000:00000000 00:00000000 00000000  1000        0 5100 1 0000000000000000 20 4 30 10 -1
               1: 00000000000000000000000001000000:0844 00000000000000000000000001000000:D501 06 00000000:00000000 03:00001625 00000000     0        0 0 3 0000000000000000
            """;

    @Test
    void countsEstablishedAndTimeWaitByLocalPortOnlyAndSkipsListeners() throws IOException {
        int[] counts = new int[2];

        SocketStateSampler.count(new BufferedReader(new StringReader(PROC_TCP)), 0x0844, counts);
        SocketStateSampler.count(new BufferedReader(new StringReader(PROC_TCP6)), 0x0844, counts);

        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void allPortsCountsEverySocketOfTheHost() throws IOException {
        int[] counts = new int[2];

        SocketStateSampler.count(new BufferedReader(new StringReader(PROC_TCP)), SocketStateSampler.ALL_PORTS, counts);

        // Lines 1 and 4 are ESTABLISHED, 2, 3 and 5 TIME_WAIT; the listener and the garbage are not counted.
        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void onLinuxSeesTheAcceptedSideEstablishedThenInTimeWait() throws IOException {
        Assumptions.assumeTrue(SocketStateSampler.available(), "no /proc/net/tcp here");
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            Socket client = new Socket();
            client.connect(new InetSocketAddress(listener.getInetAddress(), port), 5000);
            Socket accepted = listener.accept();
            try {
                assertThat(SocketStateSampler.sampleOnce(port, 0).established()).isGreaterThanOrEqualTo(1);

                // The side that closes first ends in TIME_WAIT: here the one holding the port.
                accepted.close();
                client.close();

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> SocketStateSampler.sampleOnce(port, 0).timeWait() >= 1);
                assertThat(SocketStateSampler.sampleOnce(port, 7).tMs()).isEqualTo(7);
            } finally {
                accepted.close();
                client.close();
            }
        }
    }

    @Test
    void theBackgroundSamplerCollectsSamplesOverTime() throws IOException {
        Assumptions.assumeTrue(SocketStateSampler.available(), "no /proc/net/tcp here");
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                SocketStateSampler sampler = new SocketStateSampler(listener.getLocalPort(), Duration.ofMillis(20))) {
            sampler.start();
            assertThat(sampler.running()).isTrue();
            assertThat(Thread.getAllStackTraces().keySet())
                    .anySatisfy(t -> assertThat(t.getName()).isEqualTo(SocketStateSampler.THREAD_NAME));

            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.snapshot().size() >= 5);
            List<SocketSample> samples = sampler.stop();

            assertThat(sampler.running()).isFalse();
            assertThat(samples).hasSizeGreaterThanOrEqualTo(5)
                    .isSortedAccordingTo(Comparator.comparingLong(SocketSample::tMs));
            assertThat(samples.get(samples.size() - 1).tMs()).isGreaterThan(samples.get(0).tMs());
            // Nothing is added once stop() has returned.
            assertThat(sampler.stop()).isEqualTo(samples);
        }
    }

    @Test
    void stopsByItselfAfterTheMaxDuration() {
        Assumptions.assumeTrue(SocketStateSampler.available(), "no /proc/net/tcp here");
        try (SocketStateSampler sampler = new SocketStateSampler(2116, Duration.ofMillis(20), Duration.ofMillis(200))) {
            sampler.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> !sampler.running());

            int n = sampler.snapshot().size();
            assertThat(n).isPositive();
            assertThat(sampler.stop()).hasSize(n);
        }
    }

    @Test
    void stopWithoutStartIsEmptyAndStartTwiceIsAnError() {
        SocketStateSampler sampler = new SocketStateSampler(2116);
        assertThat(sampler.stop()).isEmpty();
        assertThat(sampler.running()).isFalse();

        Assumptions.assumeTrue(SocketStateSampler.available(), "no /proc/net/tcp here");
        try (SocketStateSampler s = new SocketStateSampler(2116).start()) {
            assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rejectsABadPortOrInterval() {
        assertThatThrownBy(() -> new SocketStateSampler(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketStateSampler(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketStateSampler(2116, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
