package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KernelProbeOutcomeTest {

    @Test
    void jdkExceptionsMapToTheirErrno() {
        assertThat(Errno.of(new BindException("Address already in use"))).isEqualTo("EADDRINUSE");
        assertThat(Errno.of(new BindException("Cannot assign requested address"))).isEqualTo("EADDRNOTAVAIL");
        assertThat(Errno.of(new ConnectException("Connection refused"))).isEqualTo("ECONNREFUSED");
        assertThat(Errno.of(new SocketException("Protocol not available")))
                .isEqualTo("SocketException: Protocol not available");
    }

    @Test
    void refusesAnAddressOffTheHost() {
        assertThatThrownBy(() -> new KernelProbe(InetAddress.getByName("10.0.0.1"), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    void cellsPastTheDeadlineAreNotRun() throws Exception {
        ProbeMatrix m = new KernelProbe(InetAddress.getByName("127.0.0.1"), Instant.now().minusSeconds(1)).run();

        assertThat(m.cells()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(ProbeMatrix.Status.NOT_RUN);
            assertThat(c.text()).isEqualTo("not run (time limit)");
        });
    }
}
