package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

        assertThat(root.get("schemaVersion").asInt()).isEqualTo(2);
        JsonNode phase = root.get("phases").get(0);
        assertThat(phase.get("plan").get("maxDuration").asText()).isEqualTo("PT30S");
        assertThat(root.get("phases").get(1).get("plan").get("maxDuration").isNull()).isTrue();
        assertThat(root.get("phases").get(1).get("serverStats").isNull()).isTrue();
        // numbers as JSON numbers, text as strings
        assertThat(phase.get("serverStats").get("bind.collisions").isIntegralNumber()).isTrue();
        assertThat(phase.get("serverStats").get("bind.collisions").asLong()).isEqualTo(5);
        assertThat(phase.get("serverStats").get("bind.strategy").isTextual()).isTrue();
        assertThat(phase.get("transfers").get(9).get("replyCode").asInt()).isZero();
        // derived methods are not data: requested() must not become a field
        assertThat(phase.get("plan").has("requested")).isFalse();
        assertThat(Files.readString(file)).contains("\n  \"schemaVersion\" : 2,");
    }

    @Test
    void serverStatsAreWrittenInKeyOrderSoRunsDiff() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);

        List<String> keys = new ArrayList<>();
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
    void eachPhaseCarriesEveryFigureOfTheTableAsNumbers() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry(), Fixtures.empty()), file);

        JsonNode summary = new ObjectMapper().readTree(file.toFile()).get("phases").get(0).get("summary");

        assertThat(summary.get("transfers").asLong()).isEqualTo(10);
        assertThat(summary.get("ok").asLong()).isEqualTo(7);
        assertThat(summary.get("failed").asLong()).isEqualTo(3);
        assertThat(summary.get("failedByCode").get("425").asLong()).isEqualTo(2);
        assertThat(summary.get("collisions").asLong()).isEqualTo(5);
        assertThat(summary.get("retries").asLong()).isEqualTo(4);
        assertThat(summary.get("backoffMs").asLong()).isEqualTo(1250);
        assertThat(summary.get("giveups").asLong()).isEqualTo(2);
        assertThat(summary.get("connectFailures").asLong()).isEqualTo(1);
        assertThat(summary.get("transfersPerSecond").asDouble()).isEqualTo(3.5);
        assertThat(summary.get("latencyP50Ms").asLong()).isEqualTo(50);
        assertThat(summary.get("latencyP90Ms").asLong()).isEqualTo(90);
        assertThat(summary.get("latencyP99Ms").asLong()).isEqualTo(100);
        assertThat(summary.get("latencyMaxMs").asLong()).isEqualTo(100);
        assertThat(summary.get("peakTimeWait").asLong()).isEqualTo(9);
        assertThat(summary.get("socketScope").asText()).isEqualTo("port");
        assertThat(summary.get("clientCpuMsPerTransfer").asDouble()).isEqualTo(2.5);
        assertThat(summary.get("processCpuMsPerTransfer").asDouble()).isEqualTo(90.0);
        assertThat(summary.fields()).toIterable().allSatisfy(e -> assertThat(e.getValue().isTextual())
                .as(e.getKey()).isEqualTo(e.getKey().equals("phase") || e.getKey().equals("socketScope")));
    }

    @Test
    void noPasswordIsEverWritten() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);

        String text = Files.readString(file);

        assertThat(text).doesNotContain("secret").contains("\"password\" : \"***\"");
        assertThat(HtmlReport.render(Fixtures.report(Fixtures.retry()))).doesNotContain("secret");
    }

    @Test
    void readsASchemaOneFileWithItsStringCounters() throws IOException {
        Path file = dir.resolve("results.json");
        RunReport report = Fixtures.report(Fixtures.retry(), Fixtures.empty());
        JsonReport.write(report, file);
        // what schema 1 wrote: counters as strings, no summary, no cpu
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        root.put("schemaVersion", 1);
        ObjectNode phase = (ObjectNode) root.get("phases").get(0);
        phase.remove("summary");
        phase.remove("cpu");
        ObjectNode stats = (ObjectNode) phase.get("serverStats");
        List<String> names = new ArrayList<>();
        stats.fieldNames().forEachRemaining(names::add);
        names.forEach(n -> stats.put(n, stats.get(n).asText()));
        Files.writeString(file, mapper.writeValueAsString(root));

        RunReport read = JsonReport.read(file);

        assertThat(read.schemaVersion()).isEqualTo(RunReport.SCHEMA_VERSION);
        assertThat(read.phases().get(0).serverStats()).isEqualTo(report.phases().get(0).serverStats());
        assertThat(read.phases().get(0).serverCounter("bind.collisions")).isEqualTo(5);
        assertThat(read.phases().get(0).cpu()).isNull();
        assertThat(read.phases().get(0).summary().clientCpuMsPerTransfer()).isEqualTo(-1);
    }

    @Test
    void anUnknownSchemaVersionIsOneLineNamingIt() throws IOException {
        Path file = dir.resolve("results.json");
        // a future format whose phases this version cannot even map
        Files.writeString(file, "{\"schemaVersion\": 99, \"phases\": {\"retry\": null}}");

        assertThatThrownBy(() -> JsonReport.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": schemaVersion 99 is not one this harness reads (1 to 2)");
    }

    @Test
    void aFileThatIsNotAResultsJsonIsOneLine() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"hello\": 1}");
        assertThatThrownBy(() -> JsonReport.read(file)).hasMessage(file + ": not a results.json (no schemaVersion)");

        Files.writeString(file, "{\"schemaVersion\": 2, \"phases\": [ {\"name\": ");
        assertThatThrownBy(() -> JsonReport.read(file)).isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith(file + ": "));
    }

    @Test
    void refusesADurationThatIsNotIso8601() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(Fixtures.report(Fixtures.retry()), file);
        Files.writeString(file, Files.readString(file).replace("\"PT30S\"", "\"30 seconds\""));

        assertThatThrownBy(() -> JsonReport.read(file)).isInstanceOf(IOException.class).hasMessageContaining("ISO-8601");
    }
}
