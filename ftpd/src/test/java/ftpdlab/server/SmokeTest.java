package ftpdlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaksExtension.class)
class SmokeTest {

    @Test
    void downloadsInActiveAndPassiveMode() throws Exception {
        try (TestServer ts = new TestServer().start()) {
            ts.write("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
            for (boolean passive : new boolean[] {false, true}) {
                FTPClient c = ts.client(passive);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(c.retrieveFile("hello.txt", out)).as(c.getReplyString()).isTrue();
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
                c.logout();
                c.disconnect();
            }
            assertThat(ts.stat("transfers.ok")).isEqualTo(2);
        }
    }
}
