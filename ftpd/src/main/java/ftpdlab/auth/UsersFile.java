package ftpdlab.auth;

import ftpdlab.config.Booleans;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/** The users file's parser: java.util.Properties syntax with one-line errors naming the file and the key. */
public final class UsersFile {

    private static final String KEY_PREFIX = "user.";
    private static final String ALLOWED_KEYS =
            "allowed keys are user.<name>.password, user.<name>.home, user.<name>.write, user.<name>.admin";

    private UsersFile() {
    }

    /**
     * Loads a users file (java.util.Properties syntax, read as UTF-8):
     * <pre>
     *   user.&lt;name&gt;.password = pbkdf2-sha256:...   (required)
     *   user.&lt;name&gt;.home = /some/virtual/dir       (optional, default "/")
     *   user.&lt;name&gt;.write = true|false|yes|no|on|off (optional, default false)
     *   user.&lt;name&gt;.admin = (a boolean)              (optional, default false)
     * </pre>
     * Every problem is an IllegalArgumentException with one line naming the file and the key.
     * Accounts come back sorted by name.
     */
    public static List<Users.Account> load(Path file) {
        Objects.requireNonNull(file, "file");
        String where = "users file " + file + ": ";
        Properties props = new DuplicateRejectingProperties(where);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "cannot read it (" + oneLine(e.toString()) + ")", e);
        } catch (IllegalArgumentException e) {
            // Properties.load reports a bad \\uXXXX escape this way; DuplicateRejectingProperties
            // has already prefixed its own message.
            String msg = e.getMessage() != null && e.getMessage().startsWith(where)
                    ? e.getMessage()
                    : where + "not valid properties syntax (" + oneLine(String.valueOf(e.getMessage())) + ")";
            throw new IllegalArgumentException(msg, e);
        }

        Map<String, Entry> entries = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            String value = props.getProperty(key).strip();
            int lastDot = key.lastIndexOf('.');
            if (!key.startsWith(KEY_PREFIX) || lastDot <= KEY_PREFIX.length()) {
                throw new IllegalArgumentException(where + "unknown key '" + oneLine(key) + "'; " + ALLOWED_KEYS);
            }
            String name = key.substring(KEY_PREFIX.length(), lastDot);
            String attribute = key.substring(lastDot + 1);
            if (!name.codePoints().allMatch(c -> c > ' ' && c != 0x7f && !Character.isWhitespace(c))) {
                // FTP carries the name on a command line, so whitespace or control
                // characters could never be typed at login.
                throw new IllegalArgumentException(where + "user name in '" + oneLine(key)
                        + "' must not contain whitespace or control characters");
            }
            Entry e = entries.computeIfAbsent(name, n -> new Entry());
            switch (attribute) {
                case "password" -> {
                    if (!PasswordHasher.isWellFormed(value)) {
                        throw new IllegalArgumentException(where + key + " must have the form " + Users.HASH_SHAPE
                                + " (value not shown)");
                    }
                    e.password = value;
                }
                case "home" -> {
                    if (!value.startsWith("/") || hasDotDotSegment(value)) {
                        throw new IllegalArgumentException(where + key
                                + " must be a virtual path starting with '/' and without '..' segments, got '"
                                + oneLine(value) + "'");
                    }
                    e.home = value;
                }
                case "write" -> e.write = flag(where, key, value);
                case "admin" -> e.admin = flag(where, key, value);
                default -> throw new IllegalArgumentException(where + "unknown key '" + oneLine(key) + "'; "
                        + ALLOWED_KEYS);
            }
        }

        List<Users.Account> result = new ArrayList<>(entries.size());
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            String name = me.getKey();
            Entry e = me.getValue();
            if (e.password == null) {
                throw new IllegalArgumentException(where + KEY_PREFIX + name + ".password is required for user '"
                        + name + "' (a " + Users.HASH_SHAPE + " string)");
            }
            result.add(new Users.Account(new User(name, e.home, e.write, false, e.admin), e.password));
        }
        return List.copyOf(result);
    }

    private static boolean flag(String where, String key, String value) {
        try {
            return Booleans.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + key + " must be " + Booleans.FORMS + ", got '" + oneLine(value) + "'");
        }
    }

    private static boolean hasDotDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Error messages must stay on one line even when a value holds escaped newlines. */
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static final class Entry {
        String password;
        String home = "/";
        boolean write;
        boolean admin;
    }

    /**
     * Plain Properties keeps the last of two equal keys without a word; in a users file
     * that usually means a copy-paste slip that grants or revokes access unexpectedly.
     */
    private static final class DuplicateRejectingProperties extends Properties {
        private static final long serialVersionUID = 1L;
        private final String where;

        DuplicateRejectingProperties(String where) {
            this.where = where;
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            if (containsKey(key)) {
                throw new IllegalArgumentException(where + oneLine(String.valueOf(key)) + " appears more than once");
            }
            return super.put(key, value);
        }
    }
}
