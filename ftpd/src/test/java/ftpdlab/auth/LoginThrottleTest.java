package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void delayGrowsLinearlyAndExhaustsAtMax() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMillis(500));
        assertThat(t.failures()).isZero();
        assertThat(t.exhausted()).isFalse();

        assertThat(t.recordFailure()).isEqualTo(Duration.ofMillis(500));
        assertThat(t.exhausted()).isFalse();
        assertThat(t.recordFailure()).isEqualTo(Duration.ofMillis(1000));
        assertThat(t.exhausted()).isFalse();
        assertThat(t.recordFailure()).isEqualTo(Duration.ofMillis(1500));
        assertThat(t.exhausted()).isTrue();
        assertThat(t.failures()).isEqualTo(3);
    }

    @Test
    void delayIsCappedAtFiveSeconds() {
        LoginThrottle t = new LoginThrottle(100, Duration.ofSeconds(2));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void hugeBaseDelayDoesNotOverflow() {
        LoginThrottle t = new LoginThrottle(5, Duration.ofSeconds(Long.MAX_VALUE / 2));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.recordFailure()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void zeroBaseDelayStillCounts() {
        LoginThrottle t = new LoginThrottle(1, Duration.ZERO);
        assertThat(t.recordFailure()).isEqualTo(Duration.ZERO);
        assertThat(t.exhausted()).isTrue();
    }

    @Test
    void resetClearsFailures() {
        LoginThrottle t = new LoginThrottle(2, Duration.ofMillis(100));
        t.recordFailure();
        t.recordFailure();
        assertThat(t.exhausted()).isTrue();
        t.reset();
        assertThat(t.failures()).isZero();
        assertThat(t.exhausted()).isFalse();
        assertThat(t.recordFailure()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void countsEveryFailureUnderConcurrency() throws InterruptedException {
        LoginThrottle t = new LoginThrottle(1_000_000, Duration.ofMillis(1));
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 1_000; j++) {
                    t.recordFailure();
                }
            });
            threads[i].start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(t.failures()).isEqualTo(8_000);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> new LoginThrottle(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(3, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(3, null)).isInstanceOf(NullPointerException.class);
    }
}
