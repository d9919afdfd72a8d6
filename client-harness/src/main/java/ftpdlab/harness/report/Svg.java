package ftpdlab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Just enough SVG to draw the report's charts; coordinates rounded to 0.1 px so output is stable. */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String label) {
        out.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">\n");
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2))
                .append("\" class=\"").append(cssClass).append("\"/>\n");
        return this;
    }

    /** @param dashed the second series of a phase (failed, ESTABLISHED) in the same color */
    Svg polyline(List<double[]> points, String color, boolean dashed, String title) {
        out.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.6\"");
        if (dashed) {
            out.append(" stroke-dasharray=\"5 3\"");
        }
        out.append(" points=\"");
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
        }
        out.append("\"><title>").append(Html.escape(title)).append("</title></polyline>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String title) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
                .append("\" fill=\"").append(fill).append("\">");
        if (title != null) {
            out.append("<title>").append(Html.escape(title)).append("</title>");
        }
        out.append("</rect>\n");
        return this;
    }

    /** @param anchor start, middle or end */
    Svg text(double x, double y, String text, String anchor) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"").append(anchor).append("\">")
                .append(Html.escape(text)).append("</text>\n");
        return this;
    }

    Svg legendLine(double x, double y, String color, boolean dashed, String label) {
        List<double[]> pts = List.of(new double[] {x, y - 4}, new double[] {x + 22, y - 4});
        polyline(pts, color, dashed, label);
        return text(x + 28, y, label, "start");
    }

    Svg legendBox(double x, double y, String color, String label) {
        rect(x, y - 10, 12, 12, color, label);
        return text(x + 18, y, label, "start");
    }

    String end() {
        return out.append("</svg>\n").toString();
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Round axis steps (1, 2, 5 x 10^k) from 0 to at least max, about five of them. */
    static List<Double> ticks(double max) {
        double top = max <= 0 ? 1 : max;
        double raw = top / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; ticks.isEmpty() || ticks.get(ticks.size() - 1) < top; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    static String tickLabel(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
