package ftpdlab.config;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.bind.BindStrategies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is checked against the code, so the reference can't drift from what the server accepts. */
class ConfigDocsTest {

    @Test
    void everyKeyOptionAndStrategyIsDocumented() throws Exception {
        Path doc = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(doc);
        for (ConfigKey k : ConfigKey.values()) {
            assertThat(text).as("docs row for %s", k.key()).contains("| `" + k.key() + "` |");
            String row = text.lines().filter(l -> l.startsWith("| `" + k.key() + "` |")).findFirst().orElseThrow();
            k.option().ifPresent(o -> assertThat(row).as("option of %s", k.key()).contains("`" + o + "`"));
            if (!k.defaultValue().isEmpty()) {
                assertThat(row).as("default of %s", k.key()).contains("`" + k.defaultValue() + "`");
            }
        }
        for (String s : BindStrategies.names()) {
            assertThat(text).contains("| `" + s + "` |");
        }
    }
}
