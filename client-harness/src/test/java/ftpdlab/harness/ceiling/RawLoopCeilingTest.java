package ftpdlab.harness.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RawLoopCeilingTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void everyConnectionComesFromTheOneFixedPortAndIsReadInFull() throws Exception {
        CeilingResult r = new RawLoopCeiling(LOOPBACK, 4, 200, 1024, Duration.ofSeconds(30)).run();

        assertThat(r.failures()).as("a 4-tuple left in TIME_WAIT is reused (TCP timestamps)").isEmpty();
        assertThat(r.connections()).isEqualTo(200);
        assertThat(r.received()).isEqualTo(200);
        assertThat(r.sourcePorts()).containsExactly(r.fixedPort());
        assertThat(r.stoppedByDeadline()).isFalse();
        assertThat(r.connectionsPerSecond()).isPositive();
        assertThat(r.cpuMicrosPerConnection()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theLargestPayloadIsReadInFullWithoutAWriteWaitingForAnAccept() throws Exception {
        CeilingResult r = new RawLoopCeiling(LOOPBACK, 2, 20, RawLoopCeiling.MAX_PAYLOAD_BYTES,
                Duration.ofSeconds(30)).run();

        assertThat(r.failures()).isEmpty();
        assertThat(r.received()).isEqualTo(20);
    }

    @Test
    void theDeadlineEndsALoopWhoseCountIsOutOfReach() throws Exception {
        CeilingResult r = new RawLoopCeiling(LOOPBACK, 2, 10_000_000, 1024, Duration.ofMillis(300)).run();

        assertThat(r.stoppedByDeadline()).isTrue();
        assertThat(r.connections()).isPositive().isLessThan(10_000_000);
        assertThat(r.received()).isEqualTo(r.connections());
    }

    @Test
    void refusesAnAddressOffLoopbackAndAPayloadOutOfRange() throws Exception {
        InetAddress documentation = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
        assertThatThrownBy(() -> new RawLoopCeiling(documentation, 1, 1, 1024, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback only");
        assertThatThrownBy(() -> new RawLoopCeiling(LOOPBACK, 1, 1, RawLoopCeiling.MAX_PAYLOAD_BYTES + 1,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
    }
}
