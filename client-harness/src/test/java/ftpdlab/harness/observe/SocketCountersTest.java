package ftpdlab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both ways of counting a port's sockets: ss (the kernel filters) and /proc/net/tcp (we filter). */
@Timeout(60)
class SocketCountersTest {

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
    void procCountsEstablishedAndTimeWaitByLocalPortOnlyAndSkipsListeners() throws IOException {
        int[] counts = new int[2];

        ProcNetTcp.count(new BufferedReader(new StringReader(PROC_TCP)), 0x0844, counts);
        ProcNetTcp.count(new BufferedReader(new StringReader(PROC_TCP6)), 0x0844, counts);

        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void procAllPortsCountsEverySocketOfTheHost() throws IOException {
        int[] counts = new int[2];

        ProcNetTcp.count(new BufferedReader(new StringReader(PROC_TCP)), SocketCounter.ALL_PORTS, counts);

        // Lines 1 and 4 are ESTABLISHED, 2, 3 and 5 TIME_WAIT; the listener and the garbage are not counted.
        assertThat(counts).containsExactly(2, 3);
    }

    @Test
    void ssIsAskedForTwoStatesAndThePortInTheKernelsFilter() {
        assertThat(new SsCommand().command(2116))
                .containsExactly("ss", "-tanH", "state", "established", "state", "time-wait", "(", "sport", "=", ":2116", ")");
        assertThat(new SsCommand().command(SocketCounter.ALL_PORTS))
                .containsExactly("ss", "-tanH", "state", "established", "state", "time-wait");
    }

    @Test
    void ssLinesAreCountedByTheirStateColumn() {
        int[] counts = new int[2];

        SsCommand.count(List.of(
                "ESTAB     0      0      127.0.0.1:2116   127.0.0.1:54321",
                "TIME-WAIT 0      0      127.0.0.1:2116   127.0.0.1:54322",
                "TIME-WAIT 0      0      [::1]:2116       [::1]:54323",
                ""), counts);

        assertThat(counts).containsExactly(1, 2);
    }

    @Test
    void aMissingSsIsAnErrorNotAZero() {
        SsCommand missing = new SsCommand("/nonexistent/ss-for-this-test");
        assertThatThrownBy(() -> missing.sample(2116, 0)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void ssSeesAPortsSocketEstablishedThenInTimeWait() throws IOException {
        Assumptions.assumeTrue(SsCommand.works(), "ss (iproute2) is not installed or not allowed here");
        seesEstablishedThenTimeWait(new SsCommand());
    }

    @Test
    void procSeesAPortsSocketEstablishedThenInTimeWait() throws IOException {
        Assumptions.assumeTrue(ProcNetTcp.available(), "no /proc/net/tcp here (not Linux)");
        seesEstablishedThenTimeWait(new ProcNetTcp());
    }

    @Test
    void theBestCounterIsSsWhereItWorks() {
        SocketCounter best = SocketCounter.best();
        if (SsCommand.works()) {
            assertThat(best.name()).isEqualTo(SsCommand.NAME);
        } else if (ProcNetTcp.available()) {
            assertThat(best.name()).isEqualTo(ProcNetTcp.NAME);
        } else {
            assertThat(best).isNull();
        }
    }

    private static void seesEstablishedThenTimeWait(SocketCounter counter) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            Socket client = new Socket();
            client.connect(new InetSocketAddress(listener.getInetAddress(), port), 5000);
            Socket accepted = listener.accept();
            try {
                // the listener itself is never counted: exactly the accepted side holds the port
                assertThat(counter.sample(port, 0).established()).isEqualTo(1);

                // The side that closes first ends in TIME_WAIT: here the one holding the port.
                accepted.close();
                client.close();

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> counter.sample(port, 0).timeWait() >= 1);
                assertThat(counter.sample(port, 7).tMs()).isEqualTo(7);
                assertThat(counter.sample(port, 0).established()).isZero();
            } finally {
                accepted.close();
                client.close();
            }
        }
    }
}
