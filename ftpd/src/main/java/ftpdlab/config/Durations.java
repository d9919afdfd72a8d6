package ftpdlab.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of both jars, for every option and key: a number with a unit
 * ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT5S}). A bare number is
 * refused: "5" meant seconds in one place and milliseconds in another, and a reader can't tell.
 */
public final class Durations {

    /** What the error messages show, so a refused value says what would have worked. */
    public static final String FORMS = "a duration like 250ms, 5s, 2m, 1h or ISO-8601 PT5S";

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message naming the accepted forms */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = WITH_UNIT.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                Duration d = Duration.parse(s.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException e) {
                // Falls through to the one message below.
            }
        }
        String why = s.matches("\\d+") ? "a bare number has no unit" : "not a duration";
        throw new IllegalArgumentException("'" + text + "': " + why + "; use " + FORMS);
    }

    /** As {@link #parse}, and within {@code [min, max]}. */
    public static Duration parse(String text, Duration min, Duration max) {
        Duration d = parse(text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range " + show(min) + " to " + show(max));
        }
        return d;
    }

    /** The shortest text of the grammar for {@code d}: 250ms, 5s, 2m, 1h. */
    public static String show(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
