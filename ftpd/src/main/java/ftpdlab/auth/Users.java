package ftpdlab.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/** The accounts the server accepts. Immutable. */
public final class Users {

    /** Iterations for {@link #plain}: the hash only lives in memory, so start-up speed wins. */
    static final int PLAIN_ITERATIONS = 10_000;

    private static final String KEY_PREFIX = "user.";
    private static final String ALLOWED_KEYS =
            "allowed keys are user.<name>.password, user.<name>.home, user.<name>.write, user.<name>.admin";
    private static final String HASH_SHAPE =
            PasswordHasher.PREFIX + ":<iterations>:<base64 salt>:<base64 hash>";

    private final boolean anonymousEnabled;
    private final boolean anonymousWrite;
    private final Map<String, Account> accounts;
    // Every check costs the PBKDF2 iterations of the dearest account: unknown names are run
    // against a decoy of that cost, cheaper accounts are topped up with a decoy of the
    // difference, so response time reveals neither which names exist nor where they were
    // configured (RFC 2577 section 5; --user hashes with fewer iterations than a users file).
    private final int maxIterations;

    /** One configured account and its {@link PasswordHasher} string. */
    public record Account(User user, String passwordHash) {
        public Account {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(passwordHash, "passwordHash");
            if (user.anonymous()) {
                throw new IllegalArgumentException("anonymous access is configured with Users.of, not as an account");
            }
            if (!PasswordHasher.isWellFormed(passwordHash)) {
                // The hash itself is not echoed: it may well be a plain-text password.
                throw new IllegalArgumentException("password hash for user '" + user.name()
                        + "' must have the form " + HASH_SHAPE);
            }
        }
    }

    private Users(boolean anonymousEnabled, boolean anonymousWrite, Map<String, Account> accounts) {
        this.anonymousEnabled = anonymousEnabled;
        this.anonymousWrite = anonymousWrite;
        this.accounts = accounts;
        this.maxIterations = accounts.values().stream()
                .mapToInt(a -> iterationsOf(a.passwordHash()))
                .max()
                .orElse(PLAIN_ITERATIONS);
    }

    /** A hash of this cost that no password matches: its key bytes are never a real derivation's output. */
    private static String decoy(int iterations) {
        return PasswordHasher.PREFIX + ":" + iterations + ":"
                + Base64.getEncoder().encodeToString(new byte[16]) + ":"
                + Base64.getEncoder().encodeToString(new byte[32]);
    }

    /**
     * anonymousEnabled: "anonymous" and "ftp" log in with any password (RFC 1635: an email
     * address); anonymousWrite gives them write.
     */
    public static Users of(boolean anonymousEnabled, boolean anonymousWrite, List<Account> accounts) {
        Objects.requireNonNull(accounts, "accounts");
        Map<String, Account> byName = new HashMap<>();
        for (Account a : accounts) {
            Objects.requireNonNull(a, "account");
            String name = a.user().name();
            if (anonymousEnabled && isAnonymousName(name)) {
                // Otherwise one of the two would silently win and the operator could not tell which.
                throw new IllegalArgumentException("user '" + name
                        + "' clashes with anonymous login; disable anonymous access or rename the account");
            }
            if (byName.putIfAbsent(name, a) != null) {
                throw new IllegalArgumentException("user '" + name + "' is defined more than once");
            }
        }
        return new Users(anonymousEnabled, anonymousWrite, Map.copyOf(byName));
    }

    /**
     * Loads a users file (java.util.Properties syntax, read as UTF-8):
     * <pre>
     *   user.&lt;name&gt;.password = pbkdf2-sha256:...   (required)
     *   user.&lt;name&gt;.home = /some/virtual/dir       (optional, default "/")
     *   user.&lt;name&gt;.write = true|false             (optional, default false)
     * </pre>
     * Every problem is an IllegalArgumentException with one line naming the file and the key.
     * Accounts come back sorted by name.
     */
    public static List<Account> loadFile(Path file) {
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
                        throw new IllegalArgumentException(where + key + " must have the form " + HASH_SHAPE
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

        List<Account> result = new ArrayList<>(entries.size());
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            String name = me.getKey();
            Entry e = me.getValue();
            if (e.password == null) {
                throw new IllegalArgumentException(where + KEY_PREFIX + name + ".password is required for user '"
                        + name + "' (a " + HASH_SHAPE + " string)");
            }
            result.add(new Account(new User(name, e.home, e.write, false, e.admin), e.password));
        }
        return List.copyOf(result);
    }

    /**
     * Plain-text convenience account for --user/--password on the command line; hashed in
     * memory right away with a low iteration count so start-up stays fast.
     */
    public static Account plain(String name, String password, boolean write) {
        return plain(name, password, write, false);
    }

    public static Account plain(String name, String password, boolean write, boolean admin) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        char[] chars = password.toCharArray();
        try {
            return new Account(new User(name, "/", write, false, admin), PasswordHasher.hash(chars, PLAIN_ITERATIONS));
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /** null when the name is unknown (caller still answers 331 to USER, RFC 2577). */
    public User lookup(String name) {
        if (name == null) {
            return null;
        }
        if (anonymousEnabled && isAnonymousName(name)) {
            return anonymousUser(name);
        }
        Account a = accounts.get(name);
        return a == null ? null : a.user();
    }

    /** The authenticated User, or null if name unknown or password wrong. For anonymous, any non-null password is accepted. */
    public User authenticate(String name, char[] password) {
        if (name == null || password == null) {
            return null;
        }
        if (anonymousEnabled && isAnonymousName(name)) {
            return anonymousUser(name);
        }
        Account a = accounts.get(name);
        if (a == null) {
            PasswordHasher.verify(password, decoy(maxIterations));
            return null;
        }
        boolean ok = PasswordHasher.verify(password, a.passwordHash());
        int topUp = maxIterations - iterationsOf(a.passwordHash());
        if (topUp > 0) {
            PasswordHasher.verify(password, decoy(topUp));
        }
        return ok ? a.user() : null;
    }

    public boolean anonymousEnabled() {
        return anonymousEnabled;
    }

    private User anonymousUser(String typedName) {
        // Lower-cased so logs and permission checks see one spelling however the client typed it.
        return new User(typedName.toLowerCase(Locale.ROOT), "/", anonymousWrite, true);
    }

    private static boolean isAnonymousName(String name) {
        return name.equalsIgnoreCase("anonymous") || name.equalsIgnoreCase("ftp");
    }

    private static boolean flag(String where, String key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(where + key + " must be true or false, got '" + oneLine(value) + "'");
    }

    private static boolean hasDotDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static int iterationsOf(String wellFormedHash) {
        return Integer.parseInt(wellFormedHash.split(":", 3)[1]);
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
