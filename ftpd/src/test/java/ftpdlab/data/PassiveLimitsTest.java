package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Finding 11 of issue 7: passive listeners are reclaimed, one per session, a bounded number per address. */
@ExtendWith(NoLeaksExtension.class)
class PassiveLimitsTest {

    @Test
    void aListenerNoTransferUsesIsClosedAfterThePassiveTimeout() throws IOException {
        try (TestServer ts = new TestServer().with("limits.passive.timeout", "1s").start();
             WireClient c = WireClient.login(ts)) {
            InetSocketAddress a = c.epsv();
            await().atMost(Duration.ofSeconds(5)).until(() -> WireClient.refuses(a));
            // The session is fine; it only has to ask again.
            c.expect("NOOP", 200);
            assertThat(c.command("LIST").code()).isEqualTo(425);
        }
    }

    @Test
    void aNewPasvClosesTheOldOne() throws IOException {
        try (TestServer ts = new TestServer().start();
             WireClient c = WireClient.login(ts)) {
            InetSocketAddress first = c.epsv();
            InetSocketAddress second = c.epsv();
            await().atMost(Duration.ofSeconds(5)).until(() -> WireClient.refuses(first));
            assertThat(WireClient.refuses(second)).isFalse();
        }
    }

    /**
     * Idle sessions from one address that each take a passive listener and then only idle cannot
     * take the whole range: the address's cap stops them, and the rest is left for others.
     */
    @Test
    void idlePassiveSessionsCannotExhaustThePortRange() throws IOException {
        int first;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            first = probe.getLocalPort();
        }
        List<WireClient> hogs = new ArrayList<>();
        try (TestServer ts = new TestServer().with("data.passive.ports", first + "-" + (first + 3))
                .with("limits.passive.max-per-address", "2").start()) {
            for (int i = 0; i < 3; i++) {
                WireClient hog = WireClient.connect(ts, WireClient.loopback(2));
                hogs.add(hog);
                hog.expect(220);
                hog.loginAs(TestServer.USER, TestServer.PASSWORD);
            }
            hogs.get(0).epsv();
            hogs.get(1).epsv();
            assertThat(hogs.get(2).command("EPSV").code()).isEqualTo(425);
            try (WireClient other = WireClient.login(ts)) {
                assertThat(other.epsv().getPort()).isBetween(first, first + 3);
            }
        } finally {
            for (WireClient h : hogs) {
                h.close();
            }
        }
    }

}
