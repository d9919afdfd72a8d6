package ftpdlab.harness.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit for CI, as k6 has them: {@code failed>0}, {@code p99>200ms}, {@code collisions>0},
 * for every phase or for one ({@code retry:collisions==0}). A run whose figures cross one exits
 * 99. A figure that is unknown (no SITE STATS, no socket samples) crosses it too: a gate that
 * cannot look must not let the build through.
 *
 * @param phase the phase it applies to, or null for every phase
 * @param text the expression as the user wrote it, for messages
 */
public record Threshold(String phase, String metric, String operator, double limit, String text) {

    private enum Kind { COUNT, MS, RATE }

    private record Metric(Kind kind, ToDoubleFunction<Summary> value) {
    }

    private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("failed", new Metric(Kind.COUNT, Summary::failed));
        METRICS.put("ok", new Metric(Kind.COUNT, Summary::ok));
        METRICS.put("transfers", new Metric(Kind.COUNT, Summary::transfers));
        METRICS.put("notrun", new Metric(Kind.COUNT, Summary::notRun));
        METRICS.put("collisions", new Metric(Kind.COUNT, Summary::collisions));
        METRICS.put("retries", new Metric(Kind.COUNT, Summary::retries));
        METRICS.put("giveups", new Metric(Kind.COUNT, Summary::giveups));
        METRICS.put("connfail", new Metric(Kind.COUNT, Summary::connectFailures));
        METRICS.put("tw", new Metric(Kind.COUNT, Summary::peakTimeWait));
        METRICS.put("backoff", new Metric(Kind.MS, Summary::backoffMs));
        METRICS.put("p50", new Metric(Kind.MS, Summary::latencyP50Ms));
        METRICS.put("p90", new Metric(Kind.MS, Summary::latencyP90Ms));
        METRICS.put("p99", new Metric(Kind.MS, Summary::latencyP99Ms));
        METRICS.put("max", new Metric(Kind.MS, Summary::latencyMaxMs));
        METRICS.put("cpu", new Metric(Kind.MS, Summary::clientCpuMsPerTransfer));
        METRICS.put("xfer/s", new Metric(Kind.RATE, Summary::transfersPerSecond));
    }

    private static final Pattern EXPRESSION = Pattern.compile(
            "(?:([A-Za-z0-9_.-]+):)?\\s*([a-z0-9/]+)\\s*(>=|<=|==|!=|>|<)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)?");

    /**
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public static Threshold parse(String text) {
        Matcher m = EXPRESSION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad --fail-on '" + text + "': use [phase:]metric op number, e.g. "
                    + "'failed>0', 'p99>200ms' (times in ms or s), 'retry:collisions==0'; metrics: " + String.join(", ", METRICS.keySet()));
        }
        Metric metric = METRICS.get(m.group(2));
        if (metric == null) {
            throw new IllegalArgumentException("bad --fail-on '" + text + "': unknown metric '" + m.group(2)
                    + "'; metrics: " + String.join(", ", METRICS.keySet()));
        }
        double limit = Double.parseDouble(m.group(4));
        String unit = m.group(5);
        if (unit != null && metric.kind() != Kind.MS) {
            throw new IllegalArgumentException("bad --fail-on '" + text + "': " + m.group(2)
                    + " is a plain number, without a unit");
        }
        if ("s".equals(unit)) {
            limit *= 1000;
        }
        return new Threshold(m.group(1), m.group(2), m.group(3), limit, text.trim());
    }

    /** @throws IllegalArgumentException when a threshold names a phase that will not run */
    public static void checkPhases(Collection<Threshold> thresholds, Collection<String> phases) {
        for (Threshold t : thresholds) {
            if (t.phase() != null && !phases.contains(t.phase())) {
                throw new IllegalArgumentException("bad --fail-on '" + t.text() + "': no phase '" + t.phase()
                        + "' in this run; phases: " + String.join(", ", phases));
            }
        }
    }

    /** One line per threshold a phase crossed, naming both; empty when all hold. */
    public static List<String> crossed(Collection<Threshold> thresholds, List<PhaseResult> phases) {
        List<String> out = new ArrayList<>();
        for (Threshold t : thresholds) {
            for (PhaseResult p : phases) {
                if (t.phase() == null || t.phase().equals(p.name())) {
                    t.check(Summary.of(p)).ifPresent(why -> out.add("threshold crossed: " + t.text() + " (" + why + ")"));
                }
            }
        }
        return out;
    }

    private Optional<String> check(Summary s) {
        double value = METRICS.get(metric).value().applyAsDouble(s);
        if (value < 0) {
            return Optional.of(s.phase() + ": " + metric + " is unknown");
        }
        boolean crossed = switch (operator) {
            case ">" -> value > limit;
            case ">=" -> value >= limit;
            case "<" -> value < limit;
            case "<=" -> value <= limit;
            case "==" -> value == limit;
            default -> value != limit;
        };
        return crossed ? Optional.of(s.phase() + ": " + metric + " = " + format(value)) : Optional.empty();
    }

    private String format(double value) {
        String n = value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
        return METRICS.get(metric).kind() == Kind.MS ? n + " ms" : n;
    }
}
