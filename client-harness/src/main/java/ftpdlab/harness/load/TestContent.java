package ftpdlab.harness.load;

import java.util.Arrays;
import java.util.Random;

/** The bytes uploads send and downloads check: generated from a fixed seed, the same in every run. */
public final class TestContent {

    /** The most the harness holds in memory as a file's expected content, generated or learnt. */
    public static final long MAX_SIZE = 1L << 30;

    private final byte[] bytes;
    private final Expectation expectation;

    private TestContent(byte[] bytes) {
        this.bytes = bytes;
        this.expectation = new Expectation(bytes);
    }

    public static TestContent ofSize(long size) {
        if (size < 0 || size > MAX_SIZE) {
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

    /**
     * What a download must deliver, byte for byte. The harness holds the bytes anyway, so each
     * chunk is compared as it arrives: cheaper than a digest per transfer, and it names no
     * collision it cannot see.
     */
    public static final class Expectation {

        private final byte[] bytes;

        Expectation(byte[] bytes) {
            this.bytes = bytes;
        }

        public long size() {
            return bytes.length;
        }

        /** Whether {@code chunk[0..length)} is what the file holds at {@code offset}. */
        boolean matches(long offset, byte[] chunk, int length) {
            return offset + length <= bytes.length
                    && Arrays.equals(chunk, 0, length, bytes, (int) offset, (int) offset + length);
        }
    }
}
