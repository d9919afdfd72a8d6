package ftpdlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import ftpdlab.testing.WireClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 7 findings 7 and 6: any name the file system takes can be uploaded; one it refuses is answered without the real path. */
@ExtendWith(NoLeaksExtension.class)
class LongNameTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {240, 255})
    void longestValidNamesCanBeStoredAppendedAndUsedAsStouBase(int length) throws IOException {
        try (TestServer ts = new TestServer().start()) {
            FTPClient c = ts.client(true);
            try {
                String name = "n".repeat(length);
                assertThat(c.storeFile(name, bytes("stored "))).as(c.getReplyString()).isTrue();
                assertThat(c.appendFile(name, bytes("appended"))).as(c.getReplyString()).isTrue();
                assertThat(ts.file(name)).hasContent("stored appended");
                // STOU's first pick is the base itself when free.
                String other = "u".repeat(length);
                assertThat(c.storeUniqueFile(other, bytes("unique"))).as(c.getReplyString()).isTrue();
                assertThat(ts.file(other)).hasContent("unique");
                assertThat(TempFileTest.scratchFilesUnder(ts.root())).isEmpty();
            } finally {
                DataTestSupport.quit(c);
            }
        }
    }

    @Test
    void aNameTooLongIsRefusedWithoutTheRealPath() throws IOException {
        try (TestServer ts = new TestServer().start(); WireClient f = WireClient.login(ts)) {
            String name = "L".repeat(300);
            for (String command : new String[] {"STAT " + name, "SIZE " + name, "MDTM " + name, "CWD " + name,
                    "MKD " + name, "DELE " + name, "RETR " + name}) {
                WireClient.Reply r = f.command(command);
                assertThat(r.code()).as(r.text()).isEqualTo(550);
                assertThat(r.text()).as(command).doesNotContain(ts.root().toString())
                        .doesNotContain(ts.root().toRealPath().toString());
            }
            f.epsv();
            WireClient.Reply stor = f.command("STOR " + name);
            assertThat(stor.code()).as(stor.text()).isEqualTo(550);
            assertThat(stor.text()).contains("File name too long").doesNotContain(ts.root().toString());
        }
    }

    @Test
    void controlCharactersOfAPathAreNotEchoed() throws IOException {
        try (TestServer ts = new TestServer().start(); WireClient f = WireClient.login(ts)) {
            WireClient.Reply r = f.command("SIZE a\u001b[2Jb");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text()).doesNotContain("\u001b").contains("a?[2Jb");
            WireClient.Reply mkd = f.command("MKD x\u0007y");
            assertThat(mkd.code()).as(mkd.text()).isEqualTo(257);
            assertThat(mkd.text()).doesNotContain("\u0007");
        }
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
