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
                .hasMessageContaining("auth.anonymous").hasMessageContaining("true or false");
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
}
