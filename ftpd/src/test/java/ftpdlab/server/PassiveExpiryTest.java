package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A passive listener's expiry leaves the timer with the listener, so pipelined PASV cannot fill the timer's queue. */
@ExtendWith(NoLeaksExtension.class)
class PassiveExpiryTest {

    @Test
    void replacedPassiveListenersLeaveNoTimerTasksBehind() throws IOException {
        try (TestServer ts = new TestServer().with("limits.passive.timeout", "30s").start();
             WireClient c = WireClient.login(ts)) {
            c.pasv();
            int withOneListener = ts.server().timerTasks();
            for (int i = 0; i < 200; i++) {
                c.pasv();
                c.epsv();
            }
            // One expiry for the listener still open, not one per PASV or EPSV sent. The + 1: the
            // periodic deadline sweep is off the queue while it runs, so the first count may lack it.
            assertThat(ts.server().timerTasks()).isLessThanOrEqualTo(withOneListener + 1);
        }
    }
}
