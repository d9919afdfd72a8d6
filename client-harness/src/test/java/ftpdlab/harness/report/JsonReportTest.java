package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    void roundTripGivesAnEqualReport() throws IOException {
        // empty() has null serverStats, a null Duration and empty lists; retry() a Duration and everything else
        RunReport report = Fixtures.report(Fixtures.retry(), Fixtures.empty());
        Path file = dir.resolve("out/results.json");

        JsonReport.write(report, file);

        assertThat(JsonReport.read(file)).isEqualTo(report);
    }

    @Test
    void aReportWithoutPhasesRoundTrips() throws IOException {
        RunReport report = Fixtures.report();
        Path file = dir.resolve("results.json");

        JsonReport.write(report, file);

        assertThat(JsonReport.read(file)).isEqualTo(report);
    }

    @Test
    void theFileIsPlainJsonAsTheSchemaDescribes() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry(), Fixtures.empty()), file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode phase = root.get("phases").get(0);
        assertThat(phase.get("plan").get("maxDuration").asText()).isEqualTo("PT30S");
        assertThat(root.get("phases").get(1).get("plan").get("maxDuration").isNull()).isTrue();
        assertThat(root.get("phases").get(1).get("serverStats").isNull()).isTrue();
        assertThat(phase.get("serverStats").get("bind.collisions").asText()).isEqualTo("5");
        assertThat(phase.get("transfers").get(9).get("replyCode").asInt()).isZero();
        // derived methods are not data: requested() must not become a field
        assertThat(phase.get("plan").has("requested")).isFalse();
        assertThat(Files.readString(file)).contains("\n  \"schemaVersion\" : 1,");
    }

    @Test
    void serverStatsAreWrittenInKeyOrderSoRunsDiff() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);

        List<String> keys = new java.util.ArrayList<>();
        new ObjectMapper().readTree(file.toFile()).get("phases").get(0).get("serverStats").fieldNames()
                .forEachRemaining(keys::add);

        assertThat(keys).isSorted().hasSize(10);
    }

    @Test
    void theFileIsReadableByOthersAndNoTemporaryIsLeft() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(), file);
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);

        assertThat(JsonReport.read(file).phases()).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // as any file the user writes (umask), not owner-only like a temp file
            Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void refusesAFileFromANewerSchema() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(), file);
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"));

        assertThatThrownBy(() -> JsonReport.read(file)).isInstanceOf(IOException.class).hasMessageContaining("99");
    }

    @Test
    void refusesADurationThatIsNotIso8601() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);
        Files.writeString(file, Files.readString(file).replace("\"PT30S\"", "\"30 seconds\""));

        assertThatThrownBy(() -> JsonReport.read(file)).isInstanceOf(IOException.class).hasMessageContaining("ISO-8601");
    }
}
