package ftpdlab.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ftpdlab.config.ConfigException;
import ftpdlab.config.ConfigLoader;
import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry: what a new strategy needs (one class, one registration) and what it refuses. */
@ExtendWith(NoLeaksExtension.class)
class BindStrategiesTest {

    private static final BindSettings SETTINGS = new BindSettings(3, Duration.ofMillis(5), false);

    /** A test-only fifth strategy: SO_REUSEPORT alone, with a short retry schedule of its own. */
    static class ReusePortOnlyRetrying implements BindStrategy {

        static final String NAME = "test-reuseport-only";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<SocketOption<Boolean>> options() {
            return List.of(StandardSocketOptions.SO_REUSEPORT);
        }

        @Override
        public Optional<RetrySchedule> retry() {
            return Optional.of(new RetrySchedule(2, Duration.ofMillis(7)));
        }
    }

    @Test
    void aTestOnlyStrategyIsServedAndReportedFromItsRegistrationAlone() throws Exception {
        try (BindStrategies.Registration r = BindStrategies.register(ReusePortOnlyRetrying.NAME, s -> new ReusePortOnlyRetrying());
             TestServer ts = new TestServer().strategy(ReusePortOnlyRetrying.NAME).start()) {
            assertThat(BindStrategies.names()).endsWith(ReusePortOnlyRetrying.NAME);
            ts.write("f.bin", new byte[] {1, 2, 3});
            FTPClient c = ts.client(false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(c.retrieveFile("f.bin", out)).isTrue();
            assertThat(out.toByteArray()).containsExactly(1, 2, 3);
            c.disconnect();
            assertThat(ts.stats()).containsEntry("bind.strategy", ReusePortOnlyRetrying.NAME)
                    .containsEntry("bind.options", "SO_REUSEPORT").doesNotContainKey("bind.fixed-port")
                    .containsEntry("bind.retry.max-tries", "2").containsEntry("bind.retry.backoff.ms", "7")
                    .containsEntry("transfers.ok", "1");
        }
        // Closed, it is gone again: the configuration refuses it like any unknown name.
        assertThat(BindStrategies.names()).doesNotContain(ReusePortOnlyRetrying.NAME);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("data.bind-strategy", ReusePortOnlyRetrying.NAME)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'" + ReusePortOnlyRetrying.NAME + "'");
    }

    @Test
    void settingsAreDerivedFromTheTraits() {
        assertThat(BindStrategies.create(ReusePortBindStrategy.NAME, SETTINGS).settings()).containsExactly(
                Map.entry("bind.options", "SO_REUSEPORT+SO_REUSEADDR"));
        assertThat(BindStrategies.create(EphemeralBindStrategy.NAME, SETTINGS).settings()).containsExactly(
                Map.entry("bind.options", "none"), Map.entry("bind.fixed-port", "false"));
        assertThat(BindStrategies.create(RetryBindStrategy.NAME, new BindSettings(4, Duration.ofMillis(250), true))
                .settings()).containsExactly(Map.entry("bind.options", "SO_REUSEADDR"),
                Map.entry("bind.retry.max-tries", "4"), Map.entry("bind.retry.backoff.ms", "250"));
    }

    @Test
    void anOptionTheSocketLacksFailsTheBindInsteadOfBeingSkipped() throws Exception {
        BindStrategy multicastOnTcp = new ReusePortOnlyRetrying() {
            @Override
            public List<SocketOption<Boolean>> options() {
                return List.of(StandardSocketOptions.IP_MULTICAST_LOOP);
            }
        };
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> multicastOnTcp.applyOptions(s)).isInstanceOf(IOException.class)
                    .hasMessage("IP_MULTICAST_LOOP is not supported on this platform");
        }
    }

    @Test
    void theRegistryRefusesATakenNameABadNameAndAStrategyCallingItselfOtherwise() {
        assertThatThrownBy(() -> BindStrategies.register(RetryBindStrategy.NAME, s -> new ReusePortOnlyRetrying()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bind strategy retry is already registered");
        assertThatThrownBy(() -> BindStrategies.register("Test Upper", s -> new ReusePortOnlyRetrying()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case letters");
        try (BindStrategies.Registration r = BindStrategies.register("test-misnamed", s -> new ReusePortOnlyRetrying())) {
            assertThatThrownBy(() -> BindStrategies.create("test-misnamed", SETTINGS))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("calls itself " + ReusePortOnlyRetrying.NAME);
        }
        assertThat(BindStrategies.names()).doesNotContain("test-misnamed", "Test Upper");
    }
}
