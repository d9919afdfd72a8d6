package ftpdlab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SocketStateSamplerTest {

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

    /** A reading that takes 10 ms is followed by a pause of COST_FACTOR times that, whatever the interval. */
    @Test
    void aSlowReadingSpacesTheNextOnesOut() {
        long costNanos = Duration.ofMillis(10).toNanos();
        SocketCounter slow = new SocketCounter() {
            @Override
            public SocketSample sample(int localPort, long tMs) {
                // Stands for an ss run over thousands of TIME_WAIT sockets: it keeps the thread busy.
                for (long end = System.nanoTime() + costNanos; System.nanoTime() < end; ) {
                    Thread.onSpinWait();
                }
                return new SocketSample(tMs, 0, 0);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        try (SocketStateSampler sampler = new SocketStateSampler(slow, 2116, Duration.ofMillis(1), null)) {
            sampler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> sampler.snapshot().size() >= 4);
            List<SocketSample> samples = sampler.snapshot();
            for (int i = 1; i < 4; i++) {
                assertThat(samples.get(i).tMs() - samples.get(i - 1).tMs())
                        .isGreaterThanOrEqualTo(SocketStateSampler.COST_FACTOR * 10L);
            }
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
    void aHostWithoutAnyCounterCannotStartSampling() {
        SocketStateSampler sampler = new SocketStateSampler(null, 2116, null, null);
        assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("socket states");
    }

    @Test
    void rejectsABadPortOrInterval() {
        assertThatThrownBy(() -> new SocketStateSampler(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketStateSampler(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketStateSampler(2116, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
