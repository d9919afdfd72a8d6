package ftpdlab.harness.observe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The server's {@code SITE STATS} counters: parsing the 211 reply, and the difference between
 * two readings taken before and after a phase.
 */
public final class ServerStats {

    /** Values that describe a moment, not a running total: a difference would mean nothing. */
    private static final Set<String> GAUGES = Set.of("sessions.active", "data.port", "bind.retry.max-tries",
            "bind.retry.backoff.ms");
    private static final String GAUGE_PREFIX = "setup.us.";

    private ServerStats() {
    }

    /**
     * Name to value from the lines of a {@code SITE STATS} reply, in reply order. Lines that
     * carry a reply code ({@code 211-Statistics:}, {@code 211 End of statistics.}) and lines
     * without {@code =} are skipped; body lines may or may not start with a space.
     */
    public static Map<String, String> parse(String[] replyLines) {
        Map<String, String> m = new LinkedHashMap<>();
        if (replyLines == null) {
            return m;
        }
        for (String line : replyLines) {
            if (line == null || isCodeLine(line)) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim();
            if (!name.isEmpty()) {
                m.put(name, line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    /**
     * What happened between two readings: {@code after - before} for counters (a counter only in
     * {@code after} counts from 0); gauges and percentiles ({@code sessions.active},
     * {@code setup.us.*}, {@code data.port}, the retry schedule {@code bind.retry.*}) and text values ({@code bind.strategy}) as they are
     * in {@code after}. Names only in {@code before} are left out. A negative counter means the
     * counters were reset (SITE STATS RESET) during the phase.
     *
     * @param before may be null or empty: everything then counts from 0
     */
    public static Map<String, String> delta(Map<String, String> before, Map<String, String> after) {
        Map<String, String> prev = before == null ? Collections.emptyMap() : before;
        Map<String, String> d = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            Long a = asLong(value);
            if (a == null || isGauge(name)) {
                d.put(name, value);
                return;
            }
            Long b = prev.containsKey(name) ? asLong(prev.get(name)) : Long.valueOf(0);
            // A counter that was text before cannot be subtracted; its current value is the best we know.
            d.put(name, b == null ? value : Long.toString(a - b));
        });
        return d;
    }

    static boolean isGauge(String name) {
        return GAUGES.contains(name) || name.startsWith(GAUGE_PREFIX);
    }

    private static boolean isCodeLine(String line) {
        return line.length() >= 4 && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
                && Character.isDigit(line.charAt(2)) && (line.charAt(3) == '-' || line.charAt(3) == ' ')
                || line.length() == 3 && line.chars().allMatch(Character::isDigit);
    }

    private static Long asLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
