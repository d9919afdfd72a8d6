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
    void everyChartIsAFigureWithCaptionPlotAreaAndItsData() {
        assertThat(data).containsOnlyKeys("latency-cdf", "outcomes", "timeline", "sockets", "binds-per-transfer");
        for (String id : data.keySet()) {
            assertThat(html).containsPattern("<figure id=\"" + id + "\">\\s*<figcaption>[^<]+</figcaption>");
            assertThat(html).contains("<div class=\"plots\" data-chart=\"" + id + "\"></div>");
            assertThat(data.get(id).get("chart").asText()).isEqualTo(id);
        }
        // no hand-drawn axes any more: uPlot draws them
        assertThat(html).doesNotContain("<svg");
    }

    @Test
    void theVerdictComesFirstThenTheTableThenTheChartsThenTheFoldedDetails() {
        int verdict = html.indexOf("<section id=\"verdict\">");
        int table = html.indexOf("<section id=\"summary\">");
        int charts = html.indexOf("<section id=\"charts\">");
        int phases = html.indexOf("<section id=\"phases\">");
        assertThat(verdict).isPositive().isLessThan(table);
        assertThat(table).isLessThan(charts);
        assertThat(charts).isLessThan(phases);
        assertThat(html.substring(verdict, table)).contains("<li class=\"bad\">", Html.escape(Verdict.line(retry)));
        // notes live inside the folded per-phase details
        String details = html.substring(phases, html.indexOf("</section>", phases));
        assertThat(details).contains("<details><summary>", "<li>note: back-off scaled by 0.5</li>");
        assertThat(html.substring(0, phases)).doesNotContain("note: back-off");
    }

    @Test
    void uplotIsInlinedFromItsWebjar() {
        assertThat(html).contains(PageAssets.UPLOT_JS, PageAssets.UPLOT_CSS, PageAssets.CHARTS_JS);
        assertThat(PageAssets.UPLOT_VERSION).isEqualTo("1.6.30");
        assertThat(PageAssets.UPLOT_JS).contains("uPlot");
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
    }

    @Test
    void aCdfOfManyDistinctLatenciesIsThinnedToTrueQuantiles() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(new TransferRecord(0, i, retry.transfers().get(0).op(), i, 1, i, 0, 226, "ok", null, true));
        }
        PhaseResult big = new PhaseResult("big", "t", 20, retry.plan(), 0, 5000, records, null, List.of(), List.of(), Map.of());

        List<ChartData.CdfPoint> points = ChartData.cdf(big).points();

        assertThat(points).hasSize(ChartData.MAX_CDF_POINTS);
        // totalMs i is the (i+1)th of 5000: every point is an exact (value, share) pair
        assertThat(points).allSatisfy(p -> assertThat(p.fraction()).isEqualTo((p.ms() + 1) / 5000.0));
        assertThat(points.get(points.size() - 1)).isEqualTo(new ChartData.CdfPoint(4999, 1.0));
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
    void timelineBucketsTheRecordsByWhenTheyEndedWithSubSecondBucketsForAShortPhase() {
        JsonNode series = data.get("timeline").get("series").get(0);
        // a 2 s phase: 100 ms buckets, so even a short run draws a line
        long bucket = series.get("bucketMs").asLong();
        assertThat(bucket).isEqualTo(100);
        assertThat(series.get("durationMs").asLong()).isEqualTo(2000);
        JsonNode buckets = series.get("buckets");
        Map<Long, long[]> expected = new TreeMap<>();
        for (TransferRecord t : retry.transfers()) {
            expected.computeIfAbsent((t.startMs() + t.totalMs()) / bucket * bucket, s -> new long[2])[t.ok() ? 0 : 1]++;
        }
        long sum = 0;
        for (JsonNode b : buckets) {
            long[] want = expected.getOrDefault(b.get("tMs").asLong(), new long[2]);
            assertThat(new long[] {b.get("ok").asLong(), b.get("failed").asLong()})
                    .as("bucket at %s ms", b.get("tMs")).containsExactly(want);
            sum += b.get("ok").asLong() + b.get("failed").asLong();
        }
        assertThat(sum).isEqualTo(retry.transfers().size());
        // dense from 0 to the last ending (2800 ms, past the phase's 2000 ms): a gap reads as zero
        long lastEnd = retry.transfers().stream().mapToLong(t -> t.startMs() + t.totalMs()).max().orElseThrow();
        assertThat(buckets).hasSize((int) (lastEnd / bucket) + 1);
        assertThat(data.get("timeline").get("series").get(1).get("buckets")).isEmpty();
    }

    @Test
    void bucketsAreSubSecondForShortPhasesSecondsForLongOnesAndBoundedForSoaks() {
        assertThat(ChartData.bucketMs(600)).isEqualTo(100);
        assertThat(ChartData.bucketMs(5_000)).isEqualTo(200);
        assertThat(ChartData.bucketMs(9_999)).isEqualTo(200);
        assertThat(ChartData.bucketMs(23_000)).isEqualTo(1000);
        assertThat(ChartData.bucketMs(3_000_000)).isEqualTo(1000);
        assertThat(ChartData.bucketMs(86_400_000) * ChartData.MAX_TIMELINE_BUCKETS).isGreaterThan(86_400_000);
    }

    @Test
    void socketSeriesAreTheSamplesAndSayWhetherTheyAreHostWide() {
        JsonNode series = data.get("sockets").get("series");
        assertThat(JSON.convertValue(series.get(0).get("samples"), new TypeReference<List<SocketSample>>() { }))
                .isEqualTo(retry.sockets());
        assertThat(series.get(0).get("hostWide").asBoolean()).isFalse();
        assertThat(series.get(0).get("dataPort").asInt()).isEqualTo(20);
        assertThat(series.get(1).get("samples")).isEmpty();
        // empty() is named ephemeral and has no setting: a schema 1 ephemeral phase sampled the whole host
        assertThat(series.get(1).get("hostWide").asBoolean()).isTrue();
    }

    @Test
    void manySocketSamplesAreMergedKeepingEachPeak() {
        List<SocketSample> samples = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            samples.add(new SocketSample(i * 100L, i % 7, i == 4321 ? 99_999 : i % 50));
        }
        PhaseResult p = new PhaseResult("soak", "t", 20, retry.plan(), 0, 1_000_000, List.of(), null, samples,
                List.of(), Map.of());

        List<SocketSample> merged = ChartData.sockets(p).samples();

        assertThat(merged).hasSizeLessThanOrEqualTo(ChartData.MAX_SOCKET_POINTS);
        assertThat(merged.stream().mapToInt(SocketSample::timeWait).max().orElse(0)).isEqualTo(99_999);
        assertThat(merged.stream().mapToInt(SocketSample::established).max().orElse(0)).isEqualTo(6);
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
        // uPlot's licence comment names its home page; nothing else in the page points outside it
        String withoutUplot = html.replace(PageAssets.UPLOT_JS, "");
        assertThat(withoutUplot).doesNotContain("http://").doesNotContain("https://");
        assertThat(html).doesNotContain("<link").doesNotContain(" src=").doesNotContain("url(");
    }

    @Test
    void escapesTextFromTheServer() {
        assertThat(html).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
        // the only script elements are the five data blocks, uPlot and the chart code
        assertThat(html.split("<script", -1)).hasSize(1 + 5 + 2);
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
                "<td class=\"n\">3 (0:1,425:2)</td>", "<th>setting sockets.source</th><td>ss</td>",
                "client threads 25 ms (2.50 ms per transfer); whole JVM 900 ms (90.00 ms per transfer)");
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(HtmlReport.render(Fixtures.report(Fixtures.retry(), Fixtures.empty()))).isEqualTo(html);
    }

    @Test
    void aReportWithoutDataStillRenders() {
        String page = HtmlReport.render(Fixtures.report());
        assertThat(page).contains("no transfers", "no phase ran", "id=\"data-binds-per-transfer\"");
    }
}
