package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-address record: growing delay, ban after N failures, forgetting after the ban time (a fake clock, no waiting). */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LoginThrottle throttle = new LoginThrottle(Duration.ofMillis(500), 3, Duration.ofMinutes(10), now::get);
    private final InetAddress a = address(2);
    private final InetAddress b = address(3);

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void delayGrowsPerAddressAcrossConnections() {
        assertThat(throttle.recordFailure(a).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.recordFailure(a).delay()).isEqualTo(Duration.ofMillis(1000));
        // Another address starts from scratch.
        assertThat(throttle.recordFailure(b).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failures(a)).isEqualTo(2);
    }

    @Test
    void banStartsOnceAtTheLimitAndEndsAfterBanTime() {
        assertThat(throttle.recordFailure(a).banStarted()).isFalse();
        assertThat(throttle.recordFailure(a).banStarted()).isFalse();
        assertThat(throttle.banned(a)).isFalse();
        assertThat(throttle.recordFailure(a).banStarted()).isTrue();
        assertThat(throttle.banned(a)).isTrue();
        // Failures during the ban extend it but do not start (or log) a new one.
        assertThat(throttle.recordFailure(a).banStarted()).isFalse();
        assertThat(throttle.banned(b)).isFalse();
        now.addAndGet(Duration.ofMinutes(10).toNanos() - 1);
        assertThat(throttle.banned(a)).isTrue();
        now.addAndGet(1);
        assertThat(throttle.banned(a)).isFalse();
        assertThat(throttle.failures(a)).isZero();
    }

    @Test
    void expiredRecordsAreForgotten() {
        throttle.recordFailure(a);
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        throttle.forgetExpired();
        assertThat(throttle.failures(a)).isZero();
        assertThat(throttle.recordFailure(a).delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void delayIsCappedWithoutOverflow() {
        assertThat(LoginThrottle.delay(Duration.ofMillis(500), 100)).isEqualTo(LoginThrottle.MAX_DELAY);
        assertThat(LoginThrottle.delay(Duration.ofDays(100_000), 3)).isEqualTo(LoginThrottle.MAX_DELAY);
        assertThat(LoginThrottle.delay(Duration.ZERO, 7)).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new LoginThrottle(Duration.ofMillis(1), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(Duration.ofMillis(-1), 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
