package ftpdlab.harness.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as people write them: 1024, 1KiB, 64MiB, 1KB (= 1000), 2GiB. */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    private Sizes() {
    }

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad size '" + text + "': use a number of bytes or 1KiB, 64MiB, 1GiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        boolean binary = unit.contains("i") || unit.length() == 1 && !unit.equals("b");
        long base = binary ? 1024 : 1000;
        return switch (unit.charAt(0)) {
            case 'k' -> n * base;
            case 'm' -> n * base * base;
            case 'g' -> n * base * base * base;
            default -> n;
        };
    }
}
