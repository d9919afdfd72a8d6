package ftpdlab.auth;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The accounts the server accepts and the password check against them (the file is read by {@link UsersFile}). Immutable. */
public final class Users {

    /** Iterations for {@link #plain}: the hash only lives in memory, so start-up speed wins. */
    static final int PLAIN_ITERATIONS = 10_000;

    static final String HASH_SHAPE = PasswordHasher.PREFIX + ":<iterations>:<base64 salt>:<base64 hash>";

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

    private static int iterationsOf(String wellFormedHash) {
        return Integer.parseInt(wellFormedHash.split(":", 3)[1]);
    }
}
