package ftpdlab.harness.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
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
        ReportFiles.write(file, MAPPER.writeValueAsString(r) + "\n");
    }

    /** @throws IOException when the file is not a results.json this version can read */
    public static RunReport read(Path file) throws IOException {
        RunReport r = MAPPER.readValue(file.toFile(), RunReport.class);
        if (r.schemaVersion() < 1 || r.schemaVersion() > RunReport.SCHEMA_VERSION) {
            throw new IOException(file + ": schemaVersion " + r.schemaVersion()
                    + " is not one this harness reads (1.." + RunReport.SCHEMA_VERSION + ")");
        }
        return r;
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
