package ftpdlab.data;

import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/** Small helpers shared by the data-connection tests: hashes, random content, clients, IPv6 detection. */
final class DataTestSupport {

    private static volatile Boolean ipv6;

    private DataTestSupport() {
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    static String sha256(Path file) {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Deterministic pseudo-random bytes (so a failure can be reproduced). */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** True when a socket can listen on ::1, i.e. this machine has IPv6 loopback. */
    static boolean ipv6LoopbackAvailable() {
        Boolean v = ipv6;
        if (v == null) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
                v = true;
            } catch (IOException e) {
                v = false;
            }
            ipv6 = v;
        }
        return v;
    }

    /**
     * Like {@link TestServer#client(boolean)}, but the control connection speaks UTF-8 (RFC 2640),
     * so file names with non-ASCII characters survive. Logged in as the read-write user, TYPE I.
     */
    static FTPClient utf8Client(TestServer ts, boolean passive) throws IOException {
        FTPClient c = new FTPClient();
        c.setControlEncoding("UTF-8");
        c.setConnectTimeout(5_000);
        c.setDefaultTimeout(10_000);
        c.setDataTimeout(Duration.ofSeconds(10));
        c.connect(ts.host(), ts.port());
        if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
            c.disconnect();
            throw new IOException("no 220 greeting: " + c.getReplyString());
        }
        if (!c.login(TestServer.USER, TestServer.PASSWORD)) {
            c.disconnect();
            throw new IOException("login failed: " + c.getReplyString());
        }
        c.setFileType(FTP.BINARY_FILE_TYPE);
        if (passive) {
            c.enterLocalPassiveMode();
        } else {
            c.enterLocalActiveMode();
        }
        return c;
    }

    static void quit(FTPClient c) {
        try {
            if (c.isConnected()) {
                c.logout();
            }
        } catch (IOException ignored) {
            // The test already has its answer; a failing QUIT adds nothing.
        } finally {
            try {
                c.disconnect();
            } catch (IOException ignored) {
                // Same.
            }
        }
    }

    /** Files in {@code dir} whose name ends with the upload temp suffix. */
    static List<String> tempFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(FileUpload.TEMP_SUFFIX))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
