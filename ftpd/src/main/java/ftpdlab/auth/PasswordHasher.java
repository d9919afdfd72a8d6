package ftpdlab.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2 password hashes in one self-describing string:
 * {@code "pbkdf2-sha256:<iterations>:<base64 salt>:<base64 hash>"}.
 */
public final class PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 210_000;

    static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;

    // A hand-edited or hostile users file could name an absurd iteration count and
    // turn every login attempt into minutes of CPU; ten times the default is generous.
    static final int MAX_ITERATIONS = 10 * DEFAULT_ITERATIONS;
    // Bounds on decoded lengths keep a corrupt entry from allocating or hashing
    // something silly, while still accepting hashes made by other tools.
    private static final int MIN_BYTES = 8;
    private static final int MAX_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {}

    /** Random 16-byte salt, {@link #DEFAULT_ITERATIONS}, 32-byte key. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static String hash(char[] password, int iterations) {
        Objects.requireNonNull(password, "password");
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "iterations must be between 1 and " + MAX_ITERATIONS + ", got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(password, salt, iterations, KEY_BYTES);
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    }

    /** Constant-time compare (MessageDigest.isEqual). A malformed stored string returns false (never throws). */
    public static boolean verify(char[] password, String stored) {
        if (password == null) {
            return false;
        }
        Parsed p = parse(stored);
        if (p == null) {
            return false;
        }
        byte[] actual = derive(password, p.salt, p.iterations, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** true if the string has the right shape (used to validate users files at start-up). */
    public static boolean isWellFormed(String stored) {
        return parse(stored) != null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return null;
        }
        // Digits only: Integer.parseInt would also take "+5", and a canonical form
        // keeps string comparisons and grep on users files meaningful.
        if (parts[1].isEmpty() || parts[1].length() > 9 || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int iterations = Integer.parseInt(parts[1]);
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return null;
        }
        byte[] salt = decode(parts[2]);
        byte[] hash = decode(parts[3]);
        if (salt == null || hash == null) {
            return null;
        }
        return new Parsed(iterations, salt, hash);
    }

    private static byte[] decode(String b64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(b64);
            return bytes.length >= MIN_BYTES && bytes.length <= MAX_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships this algorithm; its absence is a broken JDK,
            // not something a caller could recover from.
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
