package ftpdlab.harness.load;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** The bytes uploads send and downloads check: generated from a fixed seed, the same in every run. */
public final class TestContent {

    private final byte[] bytes;
    private final Expectation expectation;

    private TestContent(byte[] bytes) {
        this.bytes = bytes;
        this.expectation = new Expectation(bytes.length, hex(digest().digest(bytes)));
    }

    public static TestContent ofSize(long size) {
        if (size < 0 || size > 1L << 30) {
            throw new IllegalArgumentException("size must be 0 B to 1 GiB, got " + size);
        }
        byte[] b = new byte[(int) size];
        new Random(20_261_125L).nextBytes(b);
        return new TestContent(b);
    }

    public byte[] bytes() {
        return bytes;
    }

    public Expectation expectation() {
        return expectation;
    }

    /** The name under which the generated file is uploaded once, before the load. */
    public String remoteName() {
        return "ftpd-lab-harness-" + bytes.length + ".bin";
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Reads {@code in} to its end and closes it: what arrived, as size and SHA-256. */
    public static Expectation measure(InputStream in) throws IOException {
        MessageDigest md = digest();
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                n += r;
            }
        }
        return new Expectation(n, hex(md.digest()));
    }

    /** What a downloaded file must be: its size and SHA-256. */
    public record Expectation(long size, String sha256) {
    }
}
