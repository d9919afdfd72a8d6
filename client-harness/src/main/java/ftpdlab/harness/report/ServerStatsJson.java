package ftpdlab.harness.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * serverStats in results.json: SITE STATS sends text, but a tool reading the file wants
 * {@code "transfers.ok": 32}, not {@code "32"}. Whole numbers are written as JSON numbers, the
 * rest ({@code bind.strategy}) as strings, keys sorted so two runs diff; reading takes either
 * (schema 1 files hold strings).
 */
final class ServerStatsJson {

    private ServerStatsJson() {
    }

    static final class Writer extends JsonSerializer<Map<String, String>> {
        @Override
        public void serialize(Map<String, String> stats, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(stats).entrySet()) {
                gen.writeFieldName(e.getKey());
                Long n = asLong(e.getValue());
                if (n != null) {
                    gen.writeNumber(n);
                } else {
                    gen.writeString(e.getValue());
                }
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Map<String, String>> {
        @Override
        public Map<String, String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                @SuppressWarnings("unchecked")
                Map<String, String> none = (Map<String, String>) ctxt.handleUnexpectedToken(Map.class, p);
                return none;
            }
            Map<String, String> stats = new LinkedHashMap<>();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
                    ctxt.reportInputMismatch(Map.class, "serverStats.%s: expected a number or a string", name);
                }
                stats.put(name, p.getText());
            }
            return stats;
        }
    }

    /** A whole number as SITE STATS writes it ("32", "-3"), else null: "007" or "1.5" stay text. */
    private static Long asLong(String s) {
        if (s == null || !s.matches("-?(0|[1-9][0-9]{0,17})")) {
            return null;
        }
        return Long.parseLong(s);
    }
}
