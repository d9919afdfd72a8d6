package ftpdlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        FtpdConfig c = FtpdConfig.defaults();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(2121);
        assertThat(c.dataPort()).isEqualTo(2120);
        assertThat(c.root()).isEqualTo(Path.of("./ftp-root"));
        assertThat(c.bindStrategy()).isEqualTo("reuseport");
        assertThat(c.retryMaxTries()).isEqualTo(10);
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.retryReuseAddress()).isFalse();
        assertThat(c.anonymous()).isTrue();
        assertThat(c.anonymousWrite()).isFalse();
        assertThat(c.allowForeignAddress()).isFalse();
    }

    @Test
    void theDataPortFollowsTheControlPortUnlessSet() {
        assertThat(ConfigLoader.load(null, Map.of("server.port", "2221")).dataPort()).isEqualTo(2220);
        assertThat(ConfigLoader.load(null, Map.of("server.port", "0")).dataPort()).isZero();
        assertThat(ConfigLoader.load(null, Map.of("server.port", "2221", "data.port", "3000")).dataPort()).isEqualTo(3000);
    }

    @Test
    void theCommandLineWinsOverTheFileAndTheFileOverTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("ftpd.properties"),
                "data.bind-strategy = retry\ndata.retry.backoff = 250ms\nserver.port = 2300\n");
        FtpdConfig c = ConfigLoader.load(file, Map.of("server.port", "2400"));
        assertThat(c.bindStrategy()).isEqualTo("retry");
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.port()).isEqualTo(2400);
        assertThat(c.dataPort()).isEqualTo(2399);
    }

    @Test
    void anUnknownKeyInTheFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "data.bind-stratgy = retry\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'data.bind-stratgy'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aBadValueNamesTheKeyTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("data.bind-strategy", "magic")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bad value for data.bind-strategy (--bind-strategy): 'magic'; allowed: one of retry, reuseport, reuseaddr, ephemeral");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("server.port", "70000")))
                .hasMessageContaining("server.port").hasMessageContaining("0-65535");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("data.retry.backoff", "soon")))
                .hasMessageContaining("data.retry.backoff");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("auth.anonymous", "maybe")))
                .hasMessageContaining("auth.anonymous (--anonymous): 'maybe'")
                .hasMessageContaining("true/false, yes/no or on/off");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("data.passive.ports", "9-3")))
                .hasMessageContaining("data.passive.ports");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("limits.idle-timeout", "0s")))
                .hasMessageContaining("limits.idle-timeout");
    }

    @Test
    void aUserNeedsAPassword() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("auth.user", "bob")))
                .hasMessageContaining("auth.user and auth.password");
    }

    @Test
    void durationsAndRangesParse() {
        FtpdConfig c = ConfigLoader.load(null, Map.of("data.retry.backoff", "5ms", "data.passive.ports", "30000-30100",
                "limits.idle-timeout", "2m"));
        assertThat(c.retryBackoff()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.passivePorts()).isEqualTo(new PortRange(30000, 30100));
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void everyDurationTakesTheOneGrammar() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.load(null, Map.of("data.retry.backoff", "1h")).retryBackoff()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("data.retry.backoff", "5")))
                .hasMessageContaining("data.retry.backoff (--retry-backoff): '5'")
                .hasMessageContaining("250ms, 5s, 2m, 1h or ISO-8601 PT5S");
        assertThatThrownBy(() -> Durations.parse("5")).hasMessageContaining("a bare number has no unit");
        assertThatThrownBy(() -> Durations.parse("-PT5S")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("5 fortnights")).hasMessageContaining("not a duration");
    }

    @Test
    void everyBooleanTakesTheOneGrammar() {
        for (String yes : new String[] {"true", "yes", "on", "ON"}) {
            assertThat(ConfigLoader.load(null, Map.of("auth.anonymous.write", yes)).anonymousWrite()).isTrue();
        }
        for (String no : new String[] {"false", "no", "off"}) {
            assertThat(ConfigLoader.load(null, Map.of("auth.anonymous", no)).anonymous()).isFalse();
        }
    }

    @Test
    void aReloadKeepsTheKeysThatNeedARestartAndSaysWhich() {
        Map<String, String> running = ConfigLoader.values(null, Map.of("server.port", "2121"));
        java.util.List<ConfigKey> restart = new java.util.ArrayList<>();
        FtpdConfig next = ConfigLoader.reload(null, Map.of("server.port", "2999", "auth.anonymous", "no"), running,
                restart::add);
        assertThat(restart).containsExactly(ConfigKey.SERVER_PORT);
        assertThat(next.port()).isEqualTo(2121);
        assertThat(next.anonymous()).isFalse();
    }

    @Test
    void bounceProtectionCannotBeTurnedOffByAReload() {
        // A passive listener takes it when it opens: a reload must not leave PORT and accept disagreeing.
        Map<String, String> running = ConfigLoader.values(null, Map.of());
        java.util.List<ConfigKey> restart = new java.util.ArrayList<>();
        FtpdConfig next = ConfigLoader.reload(null, Map.of("data.active.allow-foreign-address", "true"), running,
                restart::add);
        assertThat(restart).containsExactly(ConfigKey.ACTIVE_ALLOW_FOREIGN);
        assertThat(next.allowForeignAddress()).isFalse();
    }
}
