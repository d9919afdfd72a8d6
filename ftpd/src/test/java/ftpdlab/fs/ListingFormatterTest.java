package ftpdlab.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingFormatterTest {
    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    /** type+perms, links, owner, group, size, "Mmm dd HH:mm" or "Mmm dd  yyyy", name. */
    private static final String LS_LINE =
            "[-dl][rwx-]{9} {3}1 ftp {6}ftp {6} *\\d+ [A-Z][a-z]{2} [ \\d]\\d (\\d\\d:\\d\\d| \\d{4}) .+";

    private static FileEntry file(String name, long size, Instant modified) {
        return new FileEntry(name, false, false, size, modified, "rw-r--r--", "803U1a2b");
    }

    private static FileEntry dir(String name, Instant modified) {
        return new FileEntry(name, true, false, 4096, modified, "rwxr-xr-x", "803U1");
    }

    @Test
    void listLineForRecentFile() {
        String line = ListingFormatter.listLine(file("name", 1234, Instant.parse("2026-11-25T10:49:59Z")), NOW);
        assertThat(line).isEqualTo("-rw-r--r--   1 ftp      ftp          1234 Nov 25 10:49 name").matches(LS_LINE);
    }

    @Test
    void listLineShowsYearForOldAndFutureEntries() {
        String old = ListingFormatter.listLine(file("old.txt", 7, NOW.minus(Duration.ofDays(181))), NOW);
        String future = ListingFormatter.listLine(file("future.txt", 7, NOW.plus(Duration.ofDays(1))), NOW);

        assertThat(old).isEqualTo("-rw-r--r--   1 ftp      ftp             7 Jun  2  2026 old.txt").matches(LS_LINE);
        assertThat(future).isEqualTo("-rw-r--r--   1 ftp      ftp             7 Dec  1  2026 future.txt")
                .matches(LS_LINE);
    }

    @Test
    void listLineSwitchesToYearJustPast180Days() {
        Instant edge = NOW.minus(Duration.ofDays(180));
        assertThat(ListingFormatter.listLine(file("f", 1, edge), NOW)).contains(" Jun  3 08:00 f");
        assertThat(ListingFormatter.listLine(file("f", 1, edge.minusSeconds(1)), NOW)).contains(" Jun  3  2026 f");
    }

    @Test
    void listLineForDirectoryAndSymlink() {
        Instant recent = Instant.parse("2026-09-05T01:02:00Z");
        FileEntry link = new FileEntry("link", true, true, 11, recent, "rwxrwxrwx", "1");

        assertThat(ListingFormatter.listLine(dir("pub", recent), NOW))
                .isEqualTo("drwxr-xr-x   1 ftp      ftp          4096 Sep  5 01:02 pub").matches(LS_LINE);
        assertThat(ListingFormatter.listLine(link, NOW)).startsWith("lrwxrwxrwx ").matches(LS_LINE);
    }

    @Test
    void listLineKeepsNameWithSpacesAndWideSizes() {
        String line = ListingFormatter.listLine(file("a b.iso", 12_345_678_901L, NOW), NOW);
        assertThat(line).endsWith(" 12345678901 Nov 30 08:00 a b.iso").matches(LS_LINE);
    }

    @Test
    void mlsxLineForWritableFileWithAllFacts() {
        FileEntry e = file("name", 1234, Instant.parse("2026-11-25T10:49:00Z"));
        assertThat(ListingFormatter.mlsxLine(e, "name", ListingFormatter.ALL_FACTS, true, null))
                .isEqualTo("type=file;size=1234;modify=20261125104900;perm=adfrw;unique=803U1a2b; name");
    }

    @Test
    void mlsxLineForReadOnlyFile() {
        FileEntry e = file("name", 0, Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(ListingFormatter.mlsxLine(e, "/pub/name", Set.of("perm", "type"), false, null))
                .isEqualTo("type=file;perm=r; /pub/name");
    }

    @Test
    void mlsxLineForDirectoryHasNoSize() {
        FileEntry d = dir("pub", Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(ListingFormatter.mlsxLine(d, "pub", ListingFormatter.ALL_FACTS, true, null))
                .isEqualTo("type=dir;modify=20260102030405;perm=elcfmp;unique=803U1; pub");
        assertThat(ListingFormatter.mlsxLine(d, "pub", Set.of("size", "perm"), false, null))
                .isEqualTo("perm=el; pub");
    }

    @Test
    void mlsxLineTypeOverrideForCurrentAndParentDirs() {
        FileEntry d = dir("pub", NOW);
        assertThat(ListingFormatter.mlsxLine(d, ".", Set.of("type"), false, "cdir")).isEqualTo("type=cdir; .");
        assertThat(ListingFormatter.mlsxLine(d, "..", Set.of("type"), false, "pdir")).isEqualTo("type=pdir; ..");
    }

    @Test
    void mlsxLineWithNoFactsIsJustSpaceAndName() {
        assertThat(ListingFormatter.mlsxLine(file("f", 1, NOW), "f", Set.of(), true, null)).isEqualTo(" f");
    }

    @Test
    void allFactsIsOrderedAndUnmodifiable() {
        assertThat(ListingFormatter.ALL_FACTS).containsExactly("type", "size", "modify", "perm", "unique");
        assertThatThrownBy(() -> ListingFormatter.ALL_FACTS.add("lang")).isInstanceOf(UnsupportedOperationException.class);
    }
}
