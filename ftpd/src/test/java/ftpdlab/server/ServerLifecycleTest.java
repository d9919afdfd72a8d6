package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.WireClient;
import ftpdlab.testing.NoLeaksExtension;

import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.management.ObjectName;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaksExtension.class)
class ServerLifecycleTest {

    @Test
    void stopLetsARunningTransferFinishThenRefusesConnections() throws Exception {
        TestServer ts = new TestServer().start();
        try {
            byte[] big = new byte[16 * 1024 * 1024];
            new Random(7).nextBytes(big);
            ts.write("big.bin", big);
            FTPClient c = ts.client(true);
            InputStream in = c.retrieveFileStream("big.bin");
            byte[] first = in.readNBytes(64 * 1024);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> ts.server().stop(Duration.ofSeconds(20)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(() -> new Socket(ts.host(), ts.port()).close()).isInstanceOf(IOException.class));

            byte[] rest = in.readAllBytes();
            in.close();
            MessageDigest got = MessageDigest.getInstance("SHA-256");
            got.update(first);
            got.update(rest);
            assertThat(got.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
            assertThat(c.completePendingCommand()).isTrue();
            stopping.get();
            assertThat(ts.server().stats().snapshot()).containsEntry("transfers.ok", "1");
        } finally {
            ts.close();
        }
    }

    @Test
    void statsAreAJmxBeanWithTheSameNamesAndNumericCounts() throws Exception {
        try (TestServer ts = new TestServer().strategy("retry").start()) {
            ObjectName name = new ObjectName("ftpdlab:type=DataConnectionStats,port=" + ts.port());
            var mbs = ManagementFactory.getPlatformMBeanServer();
            assertThat(mbs.getAttribute(name, "bind.strategy")).isEqualTo("retry");
            assertThat(mbs.getAttribute(name, "data.port")).isEqualTo((long) ts.dataPort());
            assertThat(mbs.getMBeanInfo(name).getAttributes()).filteredOn(a -> a.getName().equals("bind.attempts"))
                    .singleElement().satisfies(a -> assertThat(a.getType()).isEqualTo(Long.class.getName()));
            FTPClient c = ts.client(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(1).equals(mbs.getAttribute(name, "sessions.active")));
            c.disconnect();
            await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(0).equals(mbs.getAttribute(name, "sessions.active")));
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("ftpdlab:*"), null)).isEmpty();
    }

    @Test
    void anIdleSessionGets421AndIsClosed() throws Exception {
        try (TestServer ts = new TestServer().with("limits.idle-timeout", "1s").start();
             WireClient c = WireClient.login(ts)) {
            assertThat(c.expect(421).text()).contains("Idle timeout");
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
        }
    }

    /** limits.io-threads sets how many of MINA's I/O threads (processors) serve the control connections. */
    @Test
    void ioThreadsIsTheNumberOfIoProcessorsSessionsAreSpreadOver() throws Exception {
        for (int wanted : new int[] {1, 3}) {
            try (TestServer ts = new TestServer().with("limits.io-threads", Integer.toString(wanted)).start()) {
                List<WireClient> clients = new ArrayList<>();
                try {
                    for (int i = 0; i < 6; i++) {
                        clients.add(WireClient.connectReady(ts));
                    }
                    assertThat(NoLeaksExtension.serverThreads().stream().filter(n -> n.startsWith("NioProcessor")))
                            .hasSize(wanted);
                    for (WireClient c : clients) {
                        c.expect("NOOP", 200);
                    }
                } finally {
                    for (WireClient c : clients) {
                        c.close();
                    }
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> NoLeaksExtension.serverThreads().isEmpty());
        }
    }
}
