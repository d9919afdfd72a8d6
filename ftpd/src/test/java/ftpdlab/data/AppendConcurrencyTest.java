package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 7 finding 4: parallel APPE to one file keeps every append whole, or does not answer 226. */
@ExtendWith(NoLeaksExtension.class)
class AppendConcurrencyTest {

    private static final int CLIENTS = 10;
    private static final int CHUNK = 10 * 1024;

    @Test
    void parallelAppendsAreAllKeptWholeInSomeOrder() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            byte[] head = "head\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ts.write("log.bin", head);
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                byte[] chunk = new byte[CHUNK];
                Arrays.fill(chunk, (byte) ('A' + i));
                chunks.add(chunk);
            }
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            try {
                for (byte[] chunk : chunks) {
                    results.add(pool.submit(() -> {
                        FTPClient c = ts.client(true);
                        try {
                            go.await();
                            return c.appendFile("log.bin", new ByteArrayInputStream(chunk));
                        } finally {
                            DataTestSupport.quit(c);
                        }
                    }));
                }
                go.countDown();
                int ok = 0;
                for (Future<Boolean> r : results) {
                    ok += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                byte[] file = Files.readAllBytes(ts.file("log.bin"));
                assertThat(file.length).as("every append answered 226 is in the file")
                        .isEqualTo(head.length + ok * CHUNK);
                assertThat(Arrays.copyOf(file, head.length)).isEqualTo(head);
                // Each 10 KiB run is one client's chunk, whole: no interleaving, nothing cut.
                List<Character> seen = new ArrayList<>();
                for (int off = head.length; off < file.length; off += CHUNK) {
                    byte first = file[off];
                    for (int j = 0; j < CHUNK; j++) {
                        assertThat(file[off + j]).as("byte %d", off + j).isEqualTo(first);
                    }
                    seen.add((char) first);
                }
                assertThat(seen).doesNotHaveDuplicates();
                assertThat(ok).as("all appends succeed (they are serialized at commit)").isEqualTo(CLIENTS);
                assertThat(DataTestSupport.tempFiles(ts.root())).isEmpty();
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
