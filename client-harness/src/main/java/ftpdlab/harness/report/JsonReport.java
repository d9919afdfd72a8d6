package ftpdlab.harness.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * results.json: a {@link RunReport} as pretty-printed JSON and back. The format is described
 * field by field in {@code ftpdlab/harness/report/results-schema.md}.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = mapper();

    private JsonReport() {
    }

    public static void write(RunReport r, Path file) throws IOException {
        ReportFiles.write(file, json(r));
    }

    /** The whole file's text, for {@code --json -}. */
    public static String json(RunReport r) throws IOException {
        return MAPPER.writeValueAsString(r) + "\n";
    }

    /**
     * Reads schema 1 (serverStats as strings) and schema 2 files.
     *
     * @throws IOException with a one-line message when the file is not a results.json this
     *                     version can read: not JSON, no or an unknown schemaVersion, a bad field
     */
    public static RunReport read(Path file) throws IOException {
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            JsonNode version = tree == null ? null : tree.get("schemaVersion");
            if (version == null || !version.isInt()) {
                throw new IOException(file + ": not a results.json (no schemaVersion)");
            }
            if (version.intValue() < 1 || version.intValue() > RunReport.SCHEMA_VERSION) {
                throw new IOException(file + ": schemaVersion " + version.intValue()
                        + " is not one this harness reads (1 to " + RunReport.SCHEMA_VERSION + ")");
            }
            RunReport r = MAPPER.treeToValue(tree, RunReport.class);
            // what this harness holds, and writes again, is the current schema whatever it read
            return new RunReport(RunReport.SCHEMA_VERSION, r.command(), r.createdAt(), r.hostname(), r.os(),
                    r.kernel(), r.jdk(), r.cores(), r.phases());
        } catch (JsonProcessingException e) {
            // Jackson's own message spans lines and quotes its source; the first sentence is what a user needs
            throw new IOException(file + ": " + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("bad JSON"), e);
        }
    }

    /** The mapper the reports share: also writes the HTML page's embedded chart data. */
    static ObjectMapper mapper() {
        // jackson-datatype-jsr310 is not a dependency; Duration is the only java.time type in the model
        SimpleModule time = new SimpleModule("duration-iso8601");
        time.addSerializer(Duration.class, new DurationSerializer());
        time.addDeserializer(Duration.class, new DurationDeserializer());
        return new ObjectMapper()
                .registerModule(time)
                .enable(SerializationFeature.INDENT_OUTPUT)
                // serverStats is an unordered map; sorted keys keep two runs' files diffable
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // a newer harness may add fields without an incompatible change (schemaVersion guards those)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return Duration.parse(p.getText());
            } catch (DateTimeParseException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(),
                        "not an ISO-8601 duration such as PT30S");
            }
        }
    }
}
