package ftpdlab.protocol;

import java.util.Locale;

/** One command line from the client: upper-cased verb plus the raw argument ("" when none). */
public record Command(String verb, String argument, boolean overlong) {

    /** Stands in for a line the decoder refused because it exceeded the limit; answered with 500. */
    public static final Command OVERLONG = new Command("", "", true);

    public static Command parse(String line) {
        String trimmed = stripLeading(line);
        int space = trimmed.indexOf(' ');
        String verb = space < 0 ? trimmed : trimmed.substring(0, space);
        // Arguments keep inner and trailing spaces: file names may end with one.
        String arg = space < 0 ? "" : trimmed.substring(space + 1);
        return new Command(verb.toUpperCase(Locale.ROOT), arg, false);
    }

    public boolean hasArgument() {
        return !argument.isEmpty();
    }

    /** The line as it may be logged: never the password. */
    public String loggable() {
        if (overlong) {
            return "<overlong line>";
        }
        if (verb.equals("PASS")) {
            return "PASS ****";
        }
        return SafeText.printable(argument.isEmpty() ? verb : verb + " " + argument);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }
}
