package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"data-([a-z0-9-]+)\">(.*?)</script>", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final PhaseResult retry = Fixtures.retry();
    private final PhaseResult empty = Fixtures.empty();
    private String html;
    private Map<String, JsonNode> data;

    @BeforeEach
    void render() throws IOException {
        Path file = dir.resolve("report.html");
        HtmlReport.write(Fixtures.report(retry, empty), file);
        html = Files.readString(file);
        data = new LinkedHashMap<>();
        Matcher m = DATA.matcher(html);
        while (m.find()) {
            data.put(m.group(1), JSON.readTree(m.group(2)));
        }
    }

    @Test
    void everyChartIsAFigureWithCaptionSvgAndItsData() {
        assertThat(data).containsOnlyKeys("latency-cdf", "outcomes", "timeline", "sockets", "binds-per-transfer");
        for (String id : data.keySet()) {
            assertThat(html).containsPattern("<figure id=\"" + id + "\">\\s*<figcaption>[^<]+</figcaption>\\s*<svg ");
            assertThat(data.get(id).get("chart").asText()).isEqualTo(id);
        }
    }

    @Test
    void latencyCdfIsTheSortedTotalsEndingAtOne() {
        JsonNode series = data.get("latency-cdf").get("series");
        assertThat(series).hasSize(2);
        assertThat(series.get(0).get("phase").asText()).isEqualTo("retry");
        List<Long> ms = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        series.get(0).get("points").forEach(p -> {
            ms.add(p.get("ms").asLong());
            fractions.add(p.get("fraction").asDouble());
        });
        assertThat(ms).isEqualTo(retry.transfers().stream().map(TransferRecord::totalMs).sorted().toList());
        assertThat(fractions).isSorted().startsWith(0.1);
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(series.get(1).get("points")).isEmpty();
        assertThat(html).contains("<title>retry</title></polyline>");
    }

    @Test
    void outcomesMatchTheRecords() {
        JsonNode series = data.get("outcomes").get("series");
        assertThat(series.get(0).get("ok").asLong()).isEqualTo(retry.transfers().stream().filter(TransferRecord::ok).count());
        assertThat(JSON.convertValue(series.get(0).get("failedByCode"), new TypeReference<Map<Integer, Long>>() { }))
                .isEqualTo(Map.of(425, 2L, 0, 1L));
        assertThat(series.get(0).get("notRun").asLong()).isEqualTo(2);
        assertThat(series.get(1).get("ok").asLong()).isZero();
        assertThat(series.get(1).get("notRun").asLong()).isEqualTo(4);
    }

    @Test
    void timelineBucketsTheRecordsByTheSecondTheyEnded() {
        JsonNode buckets = data.get("timeline").get("series").get(0).get("buckets");
        Map<Long, long[]> expected = new TreeMap<>();
        for (TransferRecord t : retry.transfers()) {
            expected.computeIfAbsent((t.startMs() + t.totalMs()) / 1000, s -> new long[2])[t.ok() ? 0 : 1]++;
        }
        long sum = 0;
        for (JsonNode b : buckets) {
            long[] want = expected.getOrDefault(b.get("second").asLong(), new long[2]);
            assertThat(new long[] {b.get("ok").asLong(), b.get("failed").asLong()})
                    .as("second %s", b.get("second")).containsExactly(want);
            sum += b.get("ok").asLong() + b.get("failed").asLong();
        }
        assertThat(sum).isEqualTo(retry.transfers().size());
        assertThat(buckets).hasSize(3);
        assertThat(data.get("timeline").get("series").get(1).get("buckets")).isEmpty();
    }

    @Test
    void socketSeriesAreTheSamples() {
        JsonNode series = data.get("sockets").get("series");
        assertThat(JSON.convertValue(series.get(0).get("samples"), new TypeReference<List<SocketSample>>() { }))
                .isEqualTo(retry.sockets());
        assertThat(series.get(1).get("samples")).isEmpty();
        assertThat(html).contains("<title>retry: TIME_WAIT</title>");
    }

    @Test
    void bindsHistogramIsTheServersCountersForPhasesThatHaveThem() {
        JsonNode series = data.get("binds-per-transfer").get("series");
        assertThat(series).hasSize(1);
        assertThat(series.get(0).get("phase").asText()).isEqualTo("retry");
        Map<Integer, Long> expected = new TreeMap<>();
        retry.serverStats().forEach((k, v) -> {
            if (k.startsWith("bind.per-transfer.")) {
                expected.put(Integer.parseInt(k.substring("bind.per-transfer.".length())), Long.parseLong(v));
            }
        });
        assertThat(JSON.convertValue(series.get(0).get("counts"), new TypeReference<Map<Integer, Long>>() { }))
                .isEqualTo(expected).hasSize(3);
    }

    @Test
    void selfContained() {
        assertThat(html).doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link").doesNotContain(" src=");
    }

    @Test
    void escapesTextFromTheServer() {
        assertThat(html).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
        // the only script elements are the five data blocks
        assertThat(html.split("<script", -1)).hasSize(1 + 5);
    }

    @Test
    void aPhaseNameCannotEndADataBlock() throws IOException {
        PhaseResult p = Fixtures.retry();
        PhaseResult hostile = new PhaseResult("</script><b>x&y", p.target(), p.dataPort(), p.plan(),
                p.startedAtEpochMs(), p.durationMs(), p.transfers(), p.serverStats(), p.sockets(), p.notes(), p.setting());

        String page = HtmlReport.render(Fixtures.report(hostile));

        assertThat(page).doesNotContain("</script><b>").contains("&lt;/script&gt;&lt;b&gt;x&amp;y");
        Matcher m = DATA.matcher(page);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            assertThat(JSON.readTree(m.group(2)).get("series").get(0).get("phase").asText())
                    .isEqualTo("</script><b>x&y");
        }
        assertThat(blocks).isEqualTo(5);
    }

    @Test
    void showsMetadataSummaryAndNotes() {
        assertThat(html).contains("harness compare --clients 2 --transfers 6", "6.1.0-18-amd64", "17.0.15",
                "<th>cores</th><td>2</td>", "<li>note: back-off scaled by 0.5</li>",
                "<td class=\"n\">3 (0:1,425:2)</td>");
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(HtmlReport.render(Fixtures.report(Fixtures.retry(), Fixtures.empty()))).isEqualTo(html);
    }

    @Test
    void aReportWithoutDataStillRenders() {
        String page = HtmlReport.render(Fixtures.report());
        assertThat(page).contains("no transfers", "sockets were not sampled", "id=\"data-binds-per-transfer\"");
    }
}
