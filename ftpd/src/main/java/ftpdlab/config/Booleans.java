package ftpdlab.config;

import java.util.Locale;

/** The one boolean grammar: the config file, the command line and the users file all take these words. */
public final class Booleans {

    public static final String FORMS = "true/false, yes/no or on/off";

    private Booleans() {
    }

    /** @throws IllegalArgumentException naming the accepted words */
    public static boolean parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean; use " + FORMS);
        };
    }
}
