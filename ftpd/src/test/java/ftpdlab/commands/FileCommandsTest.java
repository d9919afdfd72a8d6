package ftpdlab.commands;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.testing.ServerTestTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** DELE RNFR RNTO SIZE MDTM MLST, checked against the disk. */
class FileCommandsTest extends ServerTestTemplate {

    private static Path write(String name, String content) {
        return ts.write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    // --- DELE

    @Test
    void deleRemovesTheFile() throws IOException {
        Path p = write("dele-me.txt", "bye");
        FTPClient c = login();
        assertThat(c.sendCommand("DELE", "dele-me.txt")).isEqualTo(250);
        assertThat(Files.exists(p)).isFalse();
        assertThat(c.sendCommand("DELE", "dele-me.txt")).isEqualTo(550);
    }

    @Test
    void deleOfMissingFileIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("DELE", "never-was.txt")).isEqualTo(550);
    }

    @Test
    void deleOfADirectoryIs550() throws IOException {
        Path d = Files.createDirectories(ts.file("dele-dir"));
        FTPClient c = login();
        assertThat(c.sendCommand("DELE", "dele-dir")).isEqualTo(550);
        assertThat(Files.isDirectory(d)).isTrue();
    }

    // --- RNFR / RNTO

    @Test
    void rnfrOfMissingFileIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("RNFR", "nothing-here")).isEqualTo(550);
        // And no rename is pending afterwards.
        assertThat(c.sendCommand("RNTO", "target")).isEqualTo(503);
    }

    @Test
    void rnfrRntoRenamesOnDisk() throws IOException {
        Path from = write("old-name.txt", "content");
        Files.createDirectories(ts.file("rn-sub"));
        FTPClient c = login();
        assertThat(c.sendCommand("RNFR", "old-name.txt")).isEqualTo(350);
        assertThat(c.sendCommand("RNTO", "rn-sub/new-name.txt")).isEqualTo(250);
        assertThat(Files.exists(from)).isFalse();
        assertThat(Files.readString(ts.file("rn-sub/new-name.txt"))).isEqualTo("content");
    }

    @Test
    void renamingAFileOntoItsOwnNameSucceedsAndChangesNothing() throws IOException {
        Path same = write("same-name.txt", "kept");
        FTPClient c = login();
        assertThat(c.sendCommand("RNFR", "same-name.txt")).isEqualTo(350);
        assertThat(c.sendCommand("RNTO", "./same-name.txt")).as(c.getReplyString()).isEqualTo(250);
        assertThat(Files.readString(same)).isEqualTo("kept");
    }

    @Test
    void rnfrRntoRenamesADirectory() throws IOException {
        write("rn-dir/inside.txt", "in");
        FTPClient c = login();
        assertThat(c.sendCommand("RNFR", "rn-dir")).isEqualTo(350);
        assertThat(c.sendCommand("RNTO", "rn-dir2")).isEqualTo(250);
        assertThat(Files.exists(ts.file("rn-dir"))).isFalse();
        assertThat(Files.readString(ts.file("rn-dir2/inside.txt"))).isEqualTo("in");
    }

    @Test
    void rntoWithoutRnfrIs503() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("RNTO", "whatever")).isEqualTo(503);
        assertThat(Files.exists(ts.file("whatever"))).isFalse();
    }

    @Test
    void rntoMustFollowRnfrImmediately() throws IOException {
        Path from = write("rn-seq.txt", "x");
        FTPClient c = login();
        assertThat(c.sendCommand("RNFR", "rn-seq.txt")).isEqualTo(350);
        assertThat(c.sendCommand("NOOP")).isEqualTo(200);
        assertThat(c.sendCommand("RNTO", "rn-seq-2.txt")).isEqualTo(503);
        assertThat(Files.exists(from)).isTrue();
        assertThat(Files.exists(ts.file("rn-seq-2.txt"))).isFalse();
    }

    @Test
    void rntoMustFollowRnfrImmediatelyEvenIfTheCommandBetweenWasRejected() throws IOException {
        Path from = write("rn-seq3.txt", "x");
        FTPClient c = login();
        for (String[] between : new String[][] {{"XYZZY", null}, {"NOOP", "extra"}, {"SMNT", "/"}}) {
            assertThat(c.sendCommand("RNFR", "rn-seq3.txt")).isEqualTo(350);
            assertThat(c.sendCommand(between[0], between[1])).isBetween(500, 502);
            assertThat(c.sendCommand("RNTO", "rn-seq3-renamed.txt")).as("RNTO after %s", between[0]).isEqualTo(503);
            assertThat(Files.exists(from)).isTrue();
            assertThat(Files.exists(ts.file("rn-seq3-renamed.txt"))).isFalse();
        }
    }

    // --- SIZE

    @Test
    void sizeGivesTheExactByteCount() throws IOException {
        byte[] bytes = new byte[12345];
        ts.write("sized.bin", bytes);
        FTPClient c = login();
        assertThat(c.sendCommand("SIZE", "sized.bin")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 12345");
    }

    @Test
    void sizeInAsciiModeCountsTheCrlfTranslation() throws IOException {
        // RFC 3659 4: SIZE is the number of octets a RETR would send in the current TYPE.
        // In TYPE A every bare LF goes out as CRLF, so "a\nb\r\nc\n" (7 bytes) is sent as 9.
        write("lines.txt", "a\nb\r\nc\n");
        FTPClient c = login();
        assertThat(c.sendCommand("TYPE", "A")).isEqualTo(200);
        assertThat(c.sendCommand("SIZE", "lines.txt")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 9");
        assertThat(c.sendCommand("TYPE", "I")).isEqualTo(200);
        assertThat(c.sendCommand("SIZE", "lines.txt")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 7");
    }

    @Test
    void sizeInAsciiModeIsRefusedForALargeFileRatherThanReadOnASharedThread() throws IOException {
        // Issue 7 finding 3: counting a large file in TYPE A held a command thread other sessions need.
        ts.write("large.txt", new byte[(int) FileCommands.ASCII_SIZE_LIMIT + 1]);
        ts.write("limit.txt", new byte[(int) FileCommands.ASCII_SIZE_LIMIT]);
        FTPClient c = login();
        assertThat(c.sendCommand("TYPE", "A")).isEqualTo(200);
        assertThat(c.sendCommand("SIZE", "large.txt")).isEqualTo(550);
        assertThat(c.getReplyString()).contains("SIZE not allowed in ASCII mode", "TYPE I");
        assertThat(c.sendCommand("SIZE", "limit.txt")).as("up to the limit it is counted").isEqualTo(213);
        assertThat(c.sendCommand("TYPE", "I")).isEqualTo(200);
        assertThat(c.sendCommand("SIZE", "large.txt")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 " + (FileCommands.ASCII_SIZE_LIMIT + 1));
    }

    @Test
    void sizeOfADirectoryIs550() throws IOException {
        Files.createDirectories(ts.file("size-dir"));
        FTPClient c = login();
        assertThat(c.sendCommand("SIZE", "size-dir")).isEqualTo(550);
        assertThat(c.sendCommand("SIZE", "no-such-file")).isEqualTo(550);
    }

    // --- MDTM

    @Test
    void mdtmGivesTheModificationTimeInGmt() throws IOException {
        Path p = write("dated.txt", "x");
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2021-03-04T05:06:07Z")));
        FTPClient c = login();
        assertThat(c.sendCommand("MDTM", "dated.txt")).isEqualTo(213);
        assertThat(c.getReplyString().trim()).isEqualTo("213 20210304050607");
        assertThat(c.sendCommand("MDTM", "no-such-file")).isEqualTo(550);
    }

    // --- MLST

    @Test
    void mlstGivesTheFactsOfAFile() throws IOException {
        Path p = write("facts.txt", "12345");
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        FTPClient c = login();
        assertThat(c.sendCommand("MLST", "facts.txt")).isEqualTo(250);
        String[] lines = c.getReplyStrings();
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("250-");
        assertThat(lines[2]).startsWith("250 ");
        // RFC 3659 7.2: the entry line starts with one space, then facts, a space and the path.
        assertThat(lines[1]).matches(" type=file;size=5;modify=20200102030405;perm=[a-z]+;unique=[^;]+; /facts\\.txt");
        assertThat(lines[1]).contains("perm=adfrw;");
    }

    @Test
    void mlstOfADirectoryHasNoSize() throws IOException {
        Files.createDirectories(ts.file("mlst-dir"));
        FTPClient c = login();
        assertThat(c.sendCommand("MLST", "mlst-dir")).isEqualTo(250);
        String entry = c.getReplyStrings()[1];
        assertThat(entry).startsWith(" type=dir;").doesNotContain("size=").endsWith(" /mlst-dir");
    }

    @Test
    void mlstOfMissingPathIs550() throws IOException {
        FTPClient c = login();
        assertThat(c.sendCommand("MLST", "nope.txt")).isEqualTo(550);
    }
}
