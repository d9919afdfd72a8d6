package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session logged out by REIN or a new USER waits to log in under the same budget as a new connection. */
@ExtendWith(NoLeaksExtension.class)
class LogoutBudgetTest {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Test
    void afterReinASilentSessionGetsTheLoginTimeout() throws IOException {
        assertLoginTimeoutAfter("REIN", 220);
    }

    @Test
    void afterUserOnALoggedInSessionTheLoginTimeoutRunsAgain() throws IOException {
        assertLoginTimeoutAfter("USER nobody", 331);
    }

    private static void assertLoginTimeoutAfter(String logout, int code) throws IOException {
        try (TestServer ts = new TestServer().with("limits.login-timeout", "1s").start();
             WireClient c = WireClient.login(ts)) {
            c.expect(logout, code);
            assertThat(c.expect(421).text()).contains("Login timeout");
            await().atMost(CLOSE_WAIT).until(c::closedByServer);
        }
    }

    @Test
    void aSessionLoggedOutByReinCountsInThePerAddressCap() throws IOException {
        try (TestServer ts = new TestServer().with("limits.prelogin.max-per-address", "1").start();
             WireClient c = WireClient.login(ts)) {
            c.expect("REIN", 220);
            try (WireClient next = WireClient.connect(ts)) {
                assertThat(next.expect(421).text()).contains("waiting to log in");
                await().atMost(CLOSE_WAIT).until(next::closedByServer);
            }
            // Logging in again frees the slot.
            c.loginAs(TestServer.USER, TestServer.PASSWORD);
            try (WireClient next = WireClient.connectReady(ts)) {
                next.expect("NOOP", 200);
            }
        }
    }
}
