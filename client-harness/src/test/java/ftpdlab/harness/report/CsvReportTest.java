package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {

    @TempDir
    Path dir;

    @Test
    void quotesFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(CsvReport.field("plain text")).isEqualTo("plain text");
        assertThat(CsvReport.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvReport.field(null)).isEmpty();
    }

    @Test
    void oneRowPerTransferThatAParserReadsBackField() throws IOException {
        PhaseResult retry = Fixtures.retry();
        TransferRecord multiLine = new TransferRecord(3, 0, Op.STOR, 5, -1, 7, 0, 451, "first\r\nsecond, \"x\"",
                "IOException", false);
        PhaseResult other = new PhaseResult("reuseport", "t", 20, Fixtures.plan(1, 1, null), 0, 10,
                List.of(multiLine), null, List.of(), List.of(), Map.of());
        Path file = dir.resolve("transfers.csv");

        CsvReport.write(List.of(retry, other), file);

        List<List<String>> rows = parse(Files.readString(file));
        assertThat(String.join(",", rows.get(0))).isEqualTo(CsvReport.HEADER);
        assertThat(rows).hasSize(1 + 10 + 1);
        for (int i = 0; i < 10; i++) {
            assertThat(rows.get(1 + i)).isEqualTo(expected("retry", retry.transfers().get(i)));
        }
        assertThat(rows.get(11)).isEqualTo(expected("reuseport", multiLine));
        assertThat(rows.get(8).get(9)).isEqualTo(Fixtures.HOSTILE_REPLY);
    }

    @Test
    void linesEndWithCrLf() throws IOException {
        Path file = dir.resolve("transfers.csv");
        CsvReport.write(List.of(Fixtures.retry()), file);

        String text = Files.readString(file);

        assertThat(text).startsWith(CsvReport.HEADER + "\r\n").endsWith(",false\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    }

    private static List<String> expected(String phase, TransferRecord t) {
        return List.of(phase, Integer.toString(t.client()), Integer.toString(t.seq()), t.op().name(),
                Long.toString(t.startMs()), Long.toString(t.to150Ms()), Long.toString(t.totalMs()),
                Long.toString(t.bytes()), Integer.toString(t.replyCode()),
                t.replyText() == null ? "" : t.replyText(), t.exception() == null ? "" : t.exception(),
                Boolean.toString(t.ok()));
    }

    /** A strict RFC 4180 reader, so the test does not trust the writer's own quoting. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote only opens a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(row).as("last line ends with CRLF").isEmpty();
        return rows;
    }
}
