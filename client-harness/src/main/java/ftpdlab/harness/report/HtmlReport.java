package ftpdlab.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.TransferRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * report.html: one self-contained page (no network: uPlot and the chart code are inlined), in the
 * order a reader asks: the verdict (one sentence per phase), the statistics table, the charts,
 * then the details (each phase's plan, notes and server counters folded, the commonest
 * failures, the run's metadata). Each chart is a {@code <figure id="ID">} holding
 * {@code <script type="application/json" id="data-ID">} with the exact series it draws:
 * <ul>
 *   <li>{@code latency-cdf}: per phase, points {ms, fraction} (one per distinct totalMs, at most 1000)</li>
 *   <li>{@code outcomes}: per phase, ok, failedByCode {code: count}, notRun (drawn as HTML bars)</li>
 *   <li>{@code timeline}: per phase, durationMs, bucketMs and buckets {tMs, ok, failed} by the time each transfer ended</li>
 *   <li>{@code sockets}: per phase, dataPort, hostWide and the socket samples {tMs, established, timeWait}</li>
 *   <li>{@code binds-per-transfer}: phases whose server reports bind.per-transfer.&lt;n&gt;, counts {n: count}</li>
 * </ul>
 * Every data element is {"chart": ID, "series": [...]}; the page is byte-for-byte the same for the same report.
 */
public final class HtmlReport {

    private static final String[] PHASE_COLORS = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    private static final String OK_COLOR = "#4caf50";
    private static final String[] CODE_COLORS = {"#d62728", "#ff9800", "#9c27b0", "#795548", "#e91e63", "#607d8b"};
    private static final String NOT_RUN_COLOR = "#cfcfcf";
    private static final int MAX_FAILURE_ROWS = 10;
    // one line per chart: the page stays readable in view-source
    private static final ObjectWriter DATA_WRITER =
            JsonReport.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    // fits a 1366 px laptop screen: the verdict and the table above the fold at 1366x768
    private static final String CSS = """
            body{font:14px/1.35 system-ui,sans-serif;margin:.8em auto;max-width:1320px;padding:0 1em;color:#222}
            h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em;border-bottom:1px solid #ddd}
            .cmd{color:#555;margin:.2em 0 .6em;overflow-wrap:anywhere}
            ul.verdict{list-style:none;padding:0;margin:.4em 0 .8em;font-size:1.05em}
            ul.verdict li{padding:2px 8px;margin:2px 0;border-left:4px solid #4caf50;background:#f3faf3}
            ul.verdict li.bad{border-color:#d62728;background:#fdf2f2}
            table{border-collapse:collapse;margin:.3em 0}th,td{padding:2px 6px;border-bottom:1px solid #eee;text-align:left}
            #summary table{font-size:13px}#summary th{vertical-align:bottom;max-width:5.5em}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}
            .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}
            figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}
            .plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:.6em 1.2em}
            .plot h4{margin:.2em 0;font-size:13px}
            .bars{display:grid;grid-template-columns:max-content 1fr;gap:4px 8px;align-items:center;max-width:1000px}
            .bar{display:flex;height:20px}.bar span{display:block;height:100%;min-width:1px}
            .legend span{margin-right:1em}
            .notes li{color:#8a5a00}code{background:#f4f4f4;padding:0 3px}details{margin:.4em 0}
            summary{cursor:pointer;font-weight:600}
            """;

    private HtmlReport() {
    }

    public static void write(RunReport r, Path file) throws IOException {
        ReportFiles.write(file, render(r));
    }

    /** The page as text; what {@link #write} stores. */
    public static String render(RunReport r) {
        List<PhaseResult> phases = r.phases();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width\">\n")
                .append("<title>ftpd-lab harness report: ").append(Html.escape(r.command())).append("</title>\n")
                .append("<style>\n").append(CSS).append(PageAssets.UPLOT_CSS).append("\n</style>\n</head>\n")
                .append("<body data-colors=\"").append(String.join(" ", PHASE_COLORS)).append("\">\n")
                .append("<h1>ftpd-lab harness report</h1>\n")
                .append("<p class=\"cmd\"><code>").append(Html.escape(r.command())).append("</code> &middot; ")
                .append(Html.escape(r.createdAt())).append(" &middot; ").append(Html.escape(r.hostname()))
                .append("</p>\n");
        verdict(h, phases);
        summary(h, phases);
        charts(h, phases);
        phaseDetails(h, phases);
        failures(h, phases);
        metadata(h, r);
        h.append("<footer><p>Data: results.json (format: results-schema.md) and transfers.csv "
                + "next to this page. Charts: uPlot ").append(PageAssets.UPLOT_VERSION)
                .append(" (MIT licence), inlined.</p></footer>\n")
                .append("<script>\n").append(PageAssets.UPLOT_JS).append("\n</script>\n")
                .append("<script>\n").append(PageAssets.CHARTS_JS).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void verdict(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"verdict\">\n<ul class=\"verdict\">\n");
        List<String> lines = Verdict.lines(phases);
        for (int i = 0; i < phases.size(); i++) {
            boolean bad = Summary.of(phases.get(i)).failed() > 0;
            h.append(bad ? "<li class=\"bad\">" : "<li>").append(swatch(i)).append(Html.escape(lines.get(i)))
                    .append("</li>\n");
        }
        if (phases.isEmpty()) {
            h.append("<li>no phase ran</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void summary(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"summary\">\n<table>\n<thead><tr>");
        List<String> headers = new ArrayList<>(SummaryColumns.HEADERS);
        headers.addAll(List.of("not run", "to150 p99 ms"));
        for (int c = 0; c < headers.size(); c++) {
            h.append(c == 0 ? "<th>" : "<th class=\"n\">").append(Html.escape(headers.get(c))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < phases.size(); i++) {
            Summary s = Summary.of(phases.get(i));
            List<String> cells = new ArrayList<>(SummaryColumns.cells(s));
            cells.addAll(List.of(SummaryColumns.count(s.notRun()), SummaryColumns.count(s.to150P99Ms())));
            h.append("<tr><td>").append(swatch(i)).append(Html.escape(cells.get(0))).append("</td>");
            for (int c = 1; c < cells.size(); c++) {
                h.append("<td class=\"n\">").append(Html.escape(cells.get(c))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p>Latency is every transfer's total time, ok or failed; server counters "
                + "are SITE STATS deltas over the phase; peak TW counts the data port's TIME_WAIT sockets, "
                + "<b>host:</b> marks a count of every socket of the host (no fixed port to watch); cpu is the "
                + "harness's client threads per transfer; - = unknown.</p>\n</section>\n");
    }

    private static void charts(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"charts\">\n<h2>Charts</h2>\n<noscript><p>The charts need JavaScript; "
                + "their data is in the page and in results.json.</p></noscript>\n"
                + "<p>Hover a chart for its values; drag across it to zoom in, double-click to zoom out.</p>\n");
        figure(h, ChartData.LATENCY_CDF,
                "Latency CDF: share of transfers (ok or failed) done within x ms (log scale)",
                "", phases.stream().map(ChartData::cdf).toList());
        List<ChartData.OutcomeSeries> outcomes = phases.stream().map(ChartData::outcomes).toList();
        figure(h, ChartData.OUTCOMES,
                "Outcomes: ok, failed by final reply code (0 = no reply), and not run",
                outcomeBars(outcomes), outcomes);
        figure(h, ChartData.TIMELINE,
                "Transfers finished over time, one chart per phase on its own time axis: ok and failed per bucket",
                "", phases.stream().map(ChartData::timeline).toList());
        figure(h, ChartData.SOCKETS,
                "Sockets over time, one chart per phase: TIME_WAIT and ESTABLISHED on the data port, "
                        + "or on the whole host where the phase has no fixed port (labelled host-wide)",
                "", phases.stream().map(ChartData::sockets).toList());
        figure(h, ChartData.BINDS_PER_TRANSFER,
                "Binds per active transfer (server counters bind.per-transfer.<n>; 1 = no collision, "
                        + "11 = gave up after 10 retries)",
                "", phases.stream().map(ChartData::binds).filter(b -> !b.counts().isEmpty()).toList());
        h.append("</section>\n");
    }

    private static void figure(StringBuilder h, String id, String caption, String staticHtml, List<?> series) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chart", id);
        data.put("series", series);
        h.append("<figure id=\"").append(id).append("\">\n<figcaption>").append(Html.escape(caption))
                .append("</figcaption>\n").append(staticHtml)
                .append("<div class=\"plots\" data-chart=\"").append(id).append("\"></div>\n")
                .append("<script type=\"application/json\" id=\"data-").append(id).append("\">")
                .append(Html.scriptSafeJson(json(data))).append("</script>\n</figure>\n");
    }

    /** One bar per phase, its label in the same grid row, so a bar can never drift from its name. */
    private static String outcomeBars(List<ChartData.OutcomeSeries> series) {
        long max = series.stream().mapToLong(s -> s.ok() + s.notRun()
                + s.failedByCode().values().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
        if (max == 0) {
            return "<p>no transfers</p>\n";
        }
        SortedSet<Integer> codes = new TreeSet<>();
        series.forEach(s -> codes.addAll(s.failedByCode().keySet()));
        List<Integer> codeList = new ArrayList<>(codes);
        StringBuilder b = new StringBuilder("<div class=\"bars\">\n");
        for (ChartData.OutcomeSeries s : series) {
            b.append("<span>").append(Html.escape(s.phase())).append("</span><div class=\"bar\">");
            segment(b, s.ok(), max, OK_COLOR, s.phase() + ": ok " + s.ok());
            s.failedByCode().forEach((code, n) -> segment(b, n, max, codeColor(codeList.indexOf(code)),
                    s.phase() + ": " + codeLabel(code) + " x " + n));
            segment(b, s.notRun(), max, NOT_RUN_COLOR, s.phase() + ": not run " + s.notRun());
            b.append("</div>\n");
        }
        b.append("</div>\n<p class=\"legend\">").append(legend(OK_COLOR, "ok"));
        for (int i = 0; i < codeList.size(); i++) {
            b.append(legend(codeColor(i), codeLabel(codeList.get(i))));
        }
        return b.append(legend(NOT_RUN_COLOR, "not run")).append("</p>\n").toString();
    }

    private static void segment(StringBuilder b, long n, long max, String color, String title) {
        if (n > 0) {
            b.append("<span style=\"width:").append(String.format(Locale.ROOT, "%.3f", 100.0 * n / max))
                    .append("%;background:").append(color).append("\" title=\"").append(Html.escape(title))
                    .append("\"></span>");
        }
    }

    private static String legend(String color, String label) {
        return "<span><span class=\"swatch\" style=\"background:" + color + "\"></span>" + Html.escape(label) + "</span>";
    }

    private static String codeLabel(int code) {
        return code == 0 ? "no reply" : Integer.toString(code);
    }

    private static void phaseDetails(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"phases\">\n<h2>Phases</h2>\n");
        for (int i = 0; i < phases.size(); i++) {
            PhaseResult p = phases.get(i);
            h.append("<details><summary>").append(swatch(i)).append(Html.escape(p.name()))
                    .append(": plan, notes, server counters</summary>\n<table>\n");
            row(h, "target", Html.escape(p.target()));
            row(h, "data port", p.dataPort() < 0 ? "-" : Integer.toString(p.dataPort()));
            LoadPlan plan = p.plan();
            if (plan != null) {
                row(h, "load", Html.escape(plan.clients() + " clients x " + plan.transfers() + " transfers, "
                        + plan.op() + ", " + plan.mode()
                        + (plan.remoteFile() != null ? ", file " + plan.remoteFile() : ", " + plan.sizeBytes() + " bytes")));
                row(h, "client addresses", Html.escape(plan.clientAddresses().isEmpty()
                        ? "kernel's choice" : String.join(", ", plan.clientAddresses())));
                row(h, "max duration", Html.escape(Objects.toString(plan.maxDuration(), "-")));
            }
            row(h, "started", Html.escape(Instant.ofEpochMilli(p.startedAtEpochMs()).toString()));
            row(h, "duration", String.format(Locale.ROOT, "%.1f s", p.durationMs() / 1000.0));
            Summary s = Summary.of(p);
            row(h, "harness CPU", s.clientCpuMs() < 0 ? "-" : Html.escape(String.format(Locale.ROOT,
                    "client threads %d ms (%.2f ms per transfer); whole JVM %d ms (%.2f ms per transfer)",
                    s.clientCpuMs(), s.clientCpuMsPerTransfer(), s.processCpuMs(), s.processCpuMsPerTransfer())));
            new TreeMap<>(p.setting()).forEach((k, v) -> row(h, "setting " + k, Html.escape(v)));
            h.append("</table>\n");
            if (!p.notes().isEmpty()) {
                h.append("<ul class=\"notes\">\n");
                for (String note : p.notes()) {
                    h.append("<li>note: ").append(Html.escape(note)).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            if (p.serverStats() == null) {
                h.append("<p>The server gave no SITE STATS.</p>\n");
            } else {
                h.append("<p>Server counters (SITE STATS, after minus before):</p>\n<table>\n");
                new TreeMap<>(p.serverStats()).forEach((k, v) ->
                        h.append("<tr><td>").append(Html.escape(k)).append("</td><td class=\"n\">")
                                .append(Html.escape(v)).append("</td></tr>\n"));
                h.append("</table>\n");
            }
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static void failures(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"failures\">\n<h2>Failures</h2>\n");
        boolean any = false;
        for (int i = 0; i < phases.size(); i++) {
            PhaseResult p = phases.get(i);
            Map<List<String>, Long> byReason = new LinkedHashMap<>();
            for (TransferRecord t : p.transfers()) {
                if (!t.ok()) {
                    byReason.merge(List.of(Integer.toString(t.replyCode()), Objects.toString(t.replyText(), ""),
                            Objects.toString(t.exception(), "")), 1L, Long::sum);
                }
            }
            if (byReason.isEmpty()) {
                continue;
            }
            any = true;
            h.append("<h3>").append(swatch(i)).append(Html.escape(p.name())).append("</h3>\n<table>\n")
                    .append("<thead><tr><th class=\"n\">count</th><th class=\"n\">code</th><th>reply</th>"
                            + "<th>exception</th></tr></thead>\n<tbody>\n");
            byReason.entrySet().stream()
                    .sorted(Map.Entry.<List<String>, Long>comparingByValue().reversed())
                    .limit(MAX_FAILURE_ROWS)
                    .forEach(e -> h.append("<tr><td class=\"n\">").append(e.getValue())
                            .append("</td><td class=\"n\">").append(Html.escape(e.getKey().get(0)))
                            .append("</td><td>").append(Html.escape(e.getKey().get(1)))
                            .append("</td><td>").append(Html.escape(e.getKey().get(2))).append("</td></tr>\n"));
            h.append("</tbody>\n</table>\n");
            if (byReason.size() > MAX_FAILURE_ROWS) {
                h.append("<p>").append(byReason.size() - MAX_FAILURE_ROWS)
                        .append(" rarer kinds of failure are in transfers.csv.</p>\n");
            }
        }
        if (!any) {
            h.append("<p>No transfer failed.</p>\n");
        }
        h.append("</section>\n");
    }

    private static void metadata(StringBuilder h, RunReport r) {
        h.append("<section id=\"run\">\n<h2>Run</h2>\n<table>\n");
        row(h, "command", "<code>" + Html.escape(r.command()) + "</code>");
        row(h, "created", Html.escape(r.createdAt()));
        row(h, "host", Html.escape(r.hostname()));
        row(h, "OS", Html.escape(r.os()));
        row(h, "kernel", Html.escape(r.kernel()));
        row(h, "JDK", Html.escape(r.jdk()));
        row(h, "cores", Integer.toString(r.cores()));
        row(h, "schema version", Integer.toString(r.schemaVersion()));
        h.append("</table>\n</section>\n");
    }

    private static String json(Object value) {
        try {
            return DATA_WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(StringBuilder h, String name, String escapedValue) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(escapedValue).append("</td></tr>\n");
    }

    private static String swatch(int phase) {
        return "<span class=\"swatch\" style=\"background:" + PHASE_COLORS[Math.floorMod(phase, PHASE_COLORS.length)]
                + "\"></span>";
    }

    private static String codeColor(int index) {
        return CODE_COLORS[Math.floorMod(index, CODE_COLORS.length)];
    }
}
