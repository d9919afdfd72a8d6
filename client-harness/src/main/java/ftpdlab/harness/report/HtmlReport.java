package ftpdlab.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
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
import java.util.function.Function;

/**
 * report.html: one self-contained page (no network, no scripts that run) with the run's metadata,
 * the summary table, each phase's plan, notes and server counters, the most common failures, and
 * five inline SVG charts. Each chart is a {@code <figure id="ID">} followed in the page by
 * {@code <script type="application/json" id="data-ID">} holding the exact series it draws:
 * <ul>
 *   <li>{@code latency-cdf}: per phase, points {ms, fraction} (one per distinct totalMs)</li>
 *   <li>{@code outcomes}: per phase, ok, failedByCode {code: count}, notRun</li>
 *   <li>{@code timeline}: per phase, buckets {second, ok, failed} by (startMs + totalMs) / 1000</li>
 *   <li>{@code sockets}: per phase, the socket samples {tMs, established, timeWait}</li>
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

    private static final int W = 780;
    private static final int LEFT = 64;
    private static final int RIGHT = 180;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}
            h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.5em 0}th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}
            figure{margin:1.2em 0}figcaption{font-weight:600;margin-bottom:.3em}
            svg{font:11px sans-serif;max-width:100%;height:auto}svg .axis{stroke:#888}svg .grid{stroke:#eee}
            .notes li{color:#8a5a00}code{background:#f4f4f4;padding:0 3px}
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
                .append("<title>ftpd-lab harness report: ").append(Html.escape(r.command())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>ftpd-lab harness report</h1>\n");
        metadata(h, r);
        summary(h, phases);
        phaseDetails(h, phases);
        charts(h, phases);
        failures(h, phases);
        h.append("<footer><p>Data: results.json (format: results-schema.md) and transfers.csv "
                + "next to this page.</p></footer>\n</body>\n</html>\n");
        return h.toString();
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

    private static void summary(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr>");
        List<String> headers = new ArrayList<>(SummaryColumns.HEADERS);
        headers.addAll(List.of("requested", "not run", "to150 p50 ms", "to150 p99 ms"));
        for (int c = 0; c < headers.size(); c++) {
            h.append(c == 0 ? "<th>" : "<th class=\"n\">").append(Html.escape(headers.get(c))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < phases.size(); i++) {
            Summary s = Summary.of(phases.get(i));
            List<String> cells = new ArrayList<>(SummaryColumns.cells(s));
            cells.addAll(List.of(SummaryColumns.count(s.requested()), SummaryColumns.count(s.notRun()),
                    SummaryColumns.count(s.to150P50Ms()), SummaryColumns.count(s.to150P99Ms())));
            h.append("<tr><td>").append(swatch(i)).append(Html.escape(cells.get(0))).append("</td>");
            for (int c = 1; c < cells.size(); c++) {
                h.append("<td class=\"n\">").append(Html.escape(cells.get(c))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p>Latency is every transfer's total time, ok or failed; "
                + "server counters are SITE STATS deltas over the phase; - = unknown.</p>\n</section>\n");
    }

    private static void phaseDetails(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"phases\">\n<h2>Phases</h2>\n");
        for (int i = 0; i < phases.size(); i++) {
            PhaseResult p = phases.get(i);
            h.append("<h3>").append(swatch(i)).append(Html.escape(p.name())).append("</h3>\n<table>\n");
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
                h.append("<details><summary>server counters (SITE STATS, after minus before)</summary>\n<table>\n");
                new TreeMap<>(p.serverStats()).forEach((k, v) ->
                        h.append("<tr><td>").append(Html.escape(k)).append("</td><td class=\"n\">")
                                .append(Html.escape(v)).append("</td></tr>\n"));
                h.append("</table>\n</details>\n");
            }
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

    private static void charts(StringBuilder h, List<PhaseResult> phases) {
        h.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        List<ChartData.CdfSeries> cdf = phases.stream().map(ChartData::cdf).toList();
        figure(h, ChartData.LATENCY_CDF,
                "Latency CDF: share of transfers (ok or failed) done within x ms (log scale)",
                cdfSvg(cdf), cdf);
        List<ChartData.OutcomeSeries> outcomes = phases.stream().map(ChartData::outcomes).toList();
        figure(h, ChartData.OUTCOMES,
                "Outcomes: ok, failed by final reply code (0 = no reply), and not run",
                outcomesSvg(outcomes), outcomes);
        List<ChartData.TimelineSeries> timeline = phases.stream().map(ChartData::timeline).toList();
        figure(h, ChartData.TIMELINE,
                "Transfers finished per second of the phase: ok (solid) and failed (dashed)",
                timelineSvg(timeline), timeline);
        List<ChartData.SocketSeries> sockets = phases.stream().map(ChartData::sockets).toList();
        // One panel per phase, each on its own scale: one TIME_WAIT socket held for a minute (the
        // retry hack's block) must stay visible next to a phase with thousands.
        StringBuilder panels = new StringBuilder();
        for (int i = 0; i < sockets.size(); i++) {
            if (!sockets.get(i).samples().isEmpty() || sockets.size() == 1) {
                panels.append(socketsSvg(List.of(sockets.get(i)), i));
            }
        }
        figure(h, ChartData.SOCKETS,
                "Sockets on the server's data port, one panel per phase: TIME_WAIT (solid) and ESTABLISHED (dashed)",
                panels.length() == 0 ? socketsSvg(sockets, 0) : panels.toString(), sockets);
        List<ChartData.BindsSeries> binds = phases.stream().map(ChartData::binds)
                .filter(b -> !b.counts().isEmpty()).toList();
        figure(h, ChartData.BINDS_PER_TRANSFER,
                "Binds per active transfer (server counters bind.per-transfer.<n>; 1 = no collision)",
                bindsSvg(binds, phases), binds);
        h.append("</section>\n");
    }

    private static void figure(StringBuilder h, String id, String caption, String svg, List<?> series) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chart", id);
        data.put("series", series);
        h.append("<figure id=\"").append(id).append("\">\n<figcaption>").append(Html.escape(caption))
                .append("</figcaption>\n").append(svg)
                .append("<script type=\"application/json\" id=\"data-").append(id).append("\">")
                .append(Html.scriptSafeJson(json(data))).append("</script>\n</figure>\n");
    }

    private static String json(Object value) {
        try {
            return DATA_WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- charts: each takes the series it embeds, so the picture and the data cannot drift apart

    private static String cdfSvg(List<ChartData.CdfSeries> series) {
        int height = 320;
        Svg svg = new Svg(W, height, "latency CDF per phase");
        long min = series.stream().flatMap(s -> s.points().stream()).mapToLong(ChartData.CdfPoint::ms).min().orElse(-1);
        long max = series.stream().flatMap(s -> s.points().stream()).mapToLong(ChartData.CdfPoint::ms).max().orElse(-1);
        if (max < 0) {
            return noData(svg, height, "no transfers");
        }
        // decades that hold every point; 0 ms sits on the left edge
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(1, min))));
        double hi = Math.max(lo * 10, Math.pow(10, Math.ceil(Math.log10(Math.max(1, max)))));
        Frame f = new Frame(height);
        Function<Double, Double> x = ms -> f.x0 + (Math.log10(Math.max(lo, ms)) - Math.log10(lo))
                / (Math.log10(hi) - Math.log10(lo)) * f.width();
        Function<Double, Double> y = frac -> f.y1 - frac * f.height();
        for (double t = 0; t <= 1.0001; t += 0.25) {
            svg.line(f.x0, y.apply(t), f.x1, y.apply(t), "grid").text(f.x0 - 6, y.apply(t) + 4, Svg.tickLabel(t), "end");
        }
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            svg.line(x.apply(d), f.y0, x.apply(d), f.y1, "grid")
                    .text(x.apply(d), f.y1 + 16, Svg.tickLabel(d), "middle");
        }
        f.axes(svg, "ms (log)", "fraction");
        for (int i = 0; i < series.size(); i++) {
            ChartData.CdfSeries s = series.get(i);
            if (s.points().isEmpty()) {
                continue;
            }
            List<double[]> pts = new ArrayList<>();
            double previous = 0;
            for (ChartData.CdfPoint p : s.points()) {
                double px = x.apply((double) p.ms());
                pts.add(new double[] {px, y.apply(previous)});
                pts.add(new double[] {px, y.apply(p.fraction())});
                previous = p.fraction();
            }
            svg.polyline(pts, color(i), false, s.phase());
        }
        phaseLegend(svg, f, series.stream().map(ChartData.CdfSeries::phase).toList(), null, null);
        return svg.end();
    }

    private static String outcomesSvg(List<ChartData.OutcomeSeries> series) {
        int bar = 22;
        int gap = 12;
        int height = TOP + BOTTOM + Math.max(1, series.size()) * (bar + gap);
        Svg svg = new Svg(W, height, "outcomes per phase");
        long max = series.stream().mapToLong(HtmlReport::total).max().orElse(0);
        if (max == 0) {
            return noData(svg, height, "no transfers");
        }
        SortedSet<Integer> codes = new TreeSet<>();
        series.forEach(s -> codes.addAll(s.failedByCode().keySet()));
        List<Integer> codeList = new ArrayList<>(codes);
        Frame f = new Frame(height, 110);
        List<Double> ticks = Svg.ticks(max);
        double top = ticks.get(ticks.size() - 1);
        Function<Double, Double> w = v -> v / top * f.width();
        for (double t : ticks) {
            svg.line(f.x0 + w.apply(t), f.y0, f.x0 + w.apply(t), f.y1, "grid")
                    .text(f.x0 + w.apply(t), f.y1 + 16, Svg.tickLabel(t), "middle");
        }
        f.axes(svg, "transfers", null);
        for (int i = 0; i < series.size(); i++) {
            ChartData.OutcomeSeries s = series.get(i);
            double y = f.y0 + gap / 2.0 + i * (bar + gap);
            svg.text(f.x0 - 6, y + bar * 0.7, s.phase(), "end");
            double x = f.x0;
            x = segment(svg, x, y, bar, w.apply((double) s.ok()), OK_COLOR, s.phase() + ": ok " + s.ok(), s.ok());
            for (Map.Entry<Integer, Long> e : s.failedByCode().entrySet()) {
                x = segment(svg, x, y, bar, w.apply((double) e.getValue()), codeColor(codeList.indexOf(e.getKey())),
                        s.phase() + ": " + codeLabel(e.getKey()) + " x " + e.getValue(), e.getValue());
            }
            segment(svg, x, y, bar, w.apply((double) s.notRun()), NOT_RUN_COLOR,
                    s.phase() + ": not run " + s.notRun(), s.notRun());
        }
        double ly = f.y0 + 10;
        svg.legendBox(f.x1 + 16, ly, OK_COLOR, "ok");
        for (int c = 0; c < codeList.size(); c++) {
            ly += 18;
            svg.legendBox(f.x1 + 16, ly, codeColor(c), codeLabel(codeList.get(c)));
        }
        if (series.stream().anyMatch(s -> s.notRun() > 0)) {
            svg.legendBox(f.x1 + 16, ly + 18, NOT_RUN_COLOR, "not run");
        }
        return svg.end();
    }

    private static double segment(Svg svg, double x, double y, int bar, double width, String fill, String title, long count) {
        if (count <= 0) {
            return x;
        }
        svg.rect(x, y, width, bar, fill, title);
        if (width > 8 * Long.toString(count).length()) {
            svg.text(x + width / 2, y + bar * 0.7, Long.toString(count), "middle");
        }
        return x + width;
    }

    private static String codeLabel(int code) {
        return code == 0 ? "failed, no reply" : "failed " + code;
    }

    private static long total(ChartData.OutcomeSeries s) {
        return s.ok() + s.failedByCode().values().stream().mapToLong(Long::longValue).sum() + s.notRun();
    }

    private static String timelineSvg(List<ChartData.TimelineSeries> series) {
        int height = 300;
        Svg svg = new Svg(W, height, "transfers per second per phase");
        long lastSecond = series.stream().mapToLong(s -> s.buckets().size() - 1L).max().orElse(-1);
        long max = series.stream().flatMap(s -> s.buckets().stream())
                .mapToLong(b -> Math.max(b.ok(), b.failed())).max().orElse(0);
        if (lastSecond < 0) {
            return noData(svg, height, "no transfers");
        }
        Frame f = new Frame(height);
        List<Double> xs = Svg.ticks(Math.max(1, lastSecond));
        List<Double> ys = Svg.ticks(Math.max(1, max));
        double xTop = xs.get(xs.size() - 1);
        double yTop = ys.get(ys.size() - 1);
        Function<Double, Double> x = s -> f.x0 + s / xTop * f.width();
        Function<Double, Double> y = v -> f.y1 - v / yTop * f.height();
        grid(svg, f, xs, ys, x, y);
        f.axes(svg, "second of the phase", "transfers/s");
        for (int i = 0; i < series.size(); i++) {
            ChartData.TimelineSeries s = series.get(i);
            if (s.buckets().isEmpty()) {
                continue;
            }
            List<double[]> ok = new ArrayList<>();
            List<double[]> failed = new ArrayList<>();
            for (ChartData.TimelineBucket b : s.buckets()) {
                ok.add(new double[] {x.apply((double) b.second()), y.apply((double) b.ok())});
                failed.add(new double[] {x.apply((double) b.second()), y.apply((double) b.failed())});
            }
            svg.polyline(ok, color(i), false, s.phase() + ": ok per second");
            svg.polyline(failed, color(i), true, s.phase() + ": failed per second");
        }
        phaseLegend(svg, f, series.stream().map(ChartData.TimelineSeries::phase).toList(), "ok", "failed");
        return svg.end();
    }

    private static String socketsSvg(List<ChartData.SocketSeries> series, int colorOffset) {
        int height = 300;
        Svg svg = new Svg(W, height, "data port sockets per phase");
        long lastMs = series.stream().flatMap(s -> s.samples().stream()).mapToLong(SocketSample::tMs).max().orElse(-1);
        long max = series.stream().flatMap(s -> s.samples().stream())
                .mapToLong(s -> Math.max(s.timeWait(), s.established())).max().orElse(0);
        if (lastMs < 0) {
            return noData(svg, height, "sockets were not sampled");
        }
        Frame f = new Frame(height);
        List<Double> xs = Svg.ticks(Math.max(1, lastMs / 1000.0));
        List<Double> ys = Svg.ticks(Math.max(1, max));
        double xTop = xs.get(xs.size() - 1);
        double yTop = ys.get(ys.size() - 1);
        Function<Double, Double> x = s -> f.x0 + s / xTop * f.width();
        Function<Double, Double> y = v -> f.y1 - v / yTop * f.height();
        grid(svg, f, xs, ys, x, y);
        f.axes(svg, "second of the phase", "sockets");
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            ChartData.SocketSeries s = series.get(i);
            legend.add(s.samples().isEmpty() ? s.phase() + " (not sampled)" : s.phase());
            if (s.samples().isEmpty()) {
                continue;
            }
            List<double[]> tw = new ArrayList<>();
            List<double[]> est = new ArrayList<>();
            for (SocketSample sample : s.samples()) {
                double px = x.apply(sample.tMs() / 1000.0);
                tw.add(new double[] {px, y.apply((double) sample.timeWait())});
                est.add(new double[] {px, y.apply((double) sample.established())});
            }
            svg.polyline(tw, color(i + colorOffset), false, s.phase() + ": TIME_WAIT");
            svg.polyline(est, color(i + colorOffset), true, s.phase() + ": ESTABLISHED");
        }
        phaseLegend(svg, f, legend, "TIME_WAIT", "ESTABLISHED", colorOffset);
        return svg.end();
    }

    private static String bindsSvg(List<ChartData.BindsSeries> series, List<PhaseResult> phases) {
        int height = 300;
        Svg svg = new Svg(W, height, "binds per active transfer per phase");
        if (series.isEmpty()) {
            return noData(svg, height, "no phase's server reported bind.per-transfer counters");
        }
        SortedSet<Integer> binds = new TreeSet<>();
        series.forEach(s -> binds.addAll(s.counts().keySet()));
        List<Integer> categories = new ArrayList<>(binds);
        long max = series.stream().flatMap(s -> s.counts().values().stream()).mapToLong(Long::longValue).max().orElse(0);
        Frame f = new Frame(height);
        List<Double> ys = Svg.ticks(Math.max(1, max));
        double yTop = ys.get(ys.size() - 1);
        Function<Double, Double> y = v -> f.y1 - v / yTop * f.height();
        for (double t : ys) {
            svg.line(f.x0, y.apply(t), f.x1, y.apply(t), "grid").text(f.x0 - 6, y.apply(t) + 4, Svg.tickLabel(t), "end");
        }
        f.axes(svg, "binds needed by one transfer", "transfers");
        double group = f.width() / categories.size();
        double barWidth = group * 0.8 / series.size();
        List<String> names = phases.stream().map(PhaseResult::name).toList();
        for (int c = 0; c < categories.size(); c++) {
            double gx = f.x0 + c * group;
            svg.text(gx + group / 2, f.y1 + 16, Integer.toString(categories.get(c)), "middle");
            for (int i = 0; i < series.size(); i++) {
                ChartData.BindsSeries s = series.get(i);
                long count = s.counts().getOrDefault(categories.get(c), 0L);
                if (count == 0) {
                    continue;
                }
                double bx = gx + group * 0.1 + i * barWidth;
                svg.rect(bx, y.apply((double) count), barWidth, f.y1 - y.apply((double) count),
                        color(names.indexOf(s.phase())), s.phase() + ": " + count + " transfers with " + categories.get(c) + " binds");
                if (barWidth >= 6 * Long.toString(count).length()) {
                    svg.text(bx + barWidth / 2, y.apply((double) count) - 3, Long.toString(count), "middle");
                }
            }
        }
        double ly = f.y0 + 10;
        for (ChartData.BindsSeries s : series) {
            svg.legendBox(f.x1 + 16, ly, color(names.indexOf(s.phase())), s.phase());
            ly += 18;
        }
        return svg.end();
    }

    private static void grid(Svg svg, Frame f, List<Double> xs, List<Double> ys,
                             Function<Double, Double> x, Function<Double, Double> y) {
        for (double t : ys) {
            svg.line(f.x0, y.apply(t), f.x1, y.apply(t), "grid").text(f.x0 - 6, y.apply(t) + 4, Svg.tickLabel(t), "end");
        }
        for (double t : xs) {
            svg.line(x.apply(t), f.y0, x.apply(t), f.y1, "grid").text(x.apply(t), f.y1 + 16, Svg.tickLabel(t), "middle");
        }
    }

    /** @param solid, dashed what the two line styles mean when a chart draws two series per phase; null if one */
    private static void phaseLegend(Svg svg, Frame f, List<String> names, String solid, String dashed) {
        phaseLegend(svg, f, names, solid, dashed, 0);
    }

    private static void phaseLegend(Svg svg, Frame f, List<String> names, String solid, String dashed, int colorOffset) {
        double ly = f.y0 + 10;
        for (int i = 0; i < names.size(); i++) {
            svg.legendBox(f.x1 + 16, ly, color(i + colorOffset), names.get(i));
            ly += 18;
        }
        if (solid != null) {
            svg.legendLine(f.x1 + 16, ly + 8, "#555", false, solid);
            svg.legendLine(f.x1 + 16, ly + 26, "#555", true, dashed);
        }
    }

    private static String noData(Svg svg, int height, String why) {
        return svg.text(W / 2.0, height / 2.0, why, "middle").end();
    }

    private static void row(StringBuilder h, String name, String escapedValue) {
        h.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(escapedValue).append("</td></tr>\n");
    }

    private static String swatch(int phase) {
        return "<span class=\"swatch\" style=\"background:" + color(phase) + "\"></span>";
    }

    private static String color(int phase) {
        return PHASE_COLORS[Math.floorMod(phase, PHASE_COLORS.length)];
    }

    private static String codeColor(int index) {
        return CODE_COLORS[Math.floorMod(index, CODE_COLORS.length)];
    }

    /** The plot area of a chart; the legend sits to its right. */
    private static final class Frame {
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Frame(int height) {
            this(height, LEFT);
        }

        Frame(int height, int left) {
            x0 = left;
            x1 = W - RIGHT;
            y0 = TOP;
            y1 = height - BOTTOM;
        }

        double width() {
            return x1 - x0;
        }

        double height() {
            return y1 - y0;
        }

        void axes(Svg svg, String xLabel, String yLabel) {
            svg.line(x0, y1, x1, y1, "axis").line(x0, y0, x0, y1, "axis");
            svg.text((x0 + x1) / 2, y1 + 34, xLabel, "middle");
            if (yLabel != null) {
                svg.text(x0, y0 - 4, yLabel, "start");
            }
        }
    }
}
