package ftpdlab.fs;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7 finding 1, the narrowest window: the door has looked at /d (a directory) and is about to
 * open it when /d becomes a symlink to a directory outside the root. The hook makes the swap happen
 * exactly there: for LIST and STOR on the data worker, after the data connection is made (they
 * look at the path again then); for RETR on the command thread, where it opens its file once,
 * when the command comes. RETR, LIST and STOR must neither read, list nor write outside.
 */
@ExtendWith(NoLeaksExtension.class)
class JailHookRaceTest {

    private TestServer ts;
    private Path outside;
    private final AtomicInteger swaps = new AtomicInteger();
    /** The thread (name prefix) on which the swap is made: where the command opens what it uses. */
    private volatile String swapOn = "ftpd-data-";

    @BeforeEach
    void start() throws IOException {
        ts = new TestServer().start();
        outside = Files.createTempDirectory(ts.root().getParent(), "ftpd-outside-");
        Files.writeString(outside.resolve("f.txt"), "SECRET");
        ts.write("d/f.txt", "inside".getBytes(StandardCharsets.UTF_8));
        Path realRoot = ts.root().toRealPath();
        VirtualFileSystem.openHook = (root, virtual) -> {
            boolean onThatThread = Thread.currentThread().getName().startsWith(swapOn);
            if (root.equals(realRoot) && virtual.equals("/d") && onThatThread && swaps.getAndIncrement() == 0) {
                Files.move(root.resolve("d"), root.resolve("d-old"));
                Files.createSymbolicLink(root.resolve("d"), outside);
            }
        };
    }

    @AfterEach
    void stop() throws IOException {
        VirtualFileSystem.openHook = (root, virtual) -> { };
        ts.close();
        try (var walk = Files.walk(outside)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void retrDoesNotReadOutside() throws IOException {
        swapOn = "ftpd-cmd-";
        FTPClient c = ts.client(true);
        try {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertThat(c.retrieveFile("d/f.txt", got)).as(c.getReplyString()).isFalse();
            assertThat(got.toString(StandardCharsets.UTF_8)).doesNotContain("SECRET");
            assertThat(swaps.get()).as("the swap happened").isEqualTo(1);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void listDoesNotListOutside() throws IOException {
        FTPClient c = ts.client(true);
        try {
            String[] names = c.listNames("d");
            assertThat(names == null ? new String[0] : names).doesNotContain("f.txt");
            assertThat(c.getReplyCode()).as(c.getReplyString()).isGreaterThanOrEqualTo(400);
            assertThat(swaps.get()).isEqualTo(1);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void storDoesNotWriteOutside() throws IOException {
        FTPClient c = ts.client(true);
        try {
            boolean stored = c.storeFile("d/new.txt", new ByteArrayInputStream("written".getBytes(StandardCharsets.UTF_8)));
            assertThat(stored).as(c.getReplyString()).isFalse();
            assertThat(swaps.get()).isEqualTo(1);
            assertThat(outside.resolve("new.txt")).doesNotExist();
            try (var files = Files.list(outside)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.txt");
            }
        } finally {
            c.disconnect();
        }
    }
}
