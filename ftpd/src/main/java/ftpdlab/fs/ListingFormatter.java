package ftpdlab.fs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Formats listings: LIST in {@code ls -l} form, NLST names, MLSD/MLST facts (RFC 3659). All times GMT. */
public final class ListingFormatter {
    /** The supported MLSx facts, in the order they are emitted. */
    public static final Set<String> ALL_FACTS =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("type", "size", "modify", "perm", "unique")));

    private static final Duration RECENT = Duration.ofDays(180);
    // "ppd" pads the day with a space like ls, and the year gets an extra space so both forms are 12 wide,
    // which keeps the name column aligned for clients that parse by position.
    private static final DateTimeFormatter RECENT_DATE =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD_DATE =
            DateTimeFormatter.ofPattern("MMM ppd  uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MLSX_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ListingFormatter() {
    }

    /**
     * One LIST line, e.g. {@code "-rw-r--r--   1 ftp      ftp          1234 Nov 25 10:49 name"}. The year
     * replaces the time when the entry is older than 180 days or in the future, as ls does.
     */
    public static String listLine(FileEntry e, Instant now) {
        char type = e.symlink() ? 'l' : e.directory() ? 'd' : '-';
        boolean recent = !e.modified().isAfter(now) && !e.modified().isBefore(now.minus(RECENT));
        String date = (recent ? RECENT_DATE : OLD_DATE).format(e.modified());
        return String.format(Locale.ROOT, "%c%s %3d %-8s %-8s %8d %s %s",
                type, e.unixPermissions(), 1, "ftp", "ftp", e.size(), date, e.name());
    }

    /**
     * RFC 3659 fact line, e.g. {@code "type=file;size=1234;modify=20261125104900;perm=adfrw;unique=803U12; name"}.
     * Only the facts named in {@code facts} are emitted, in {@link #ALL_FACTS} order; directories have no size.
     *
     * @param typeOverride "cdir" or "pdir" for MLSD's "." and ".." entries; null derives file|dir
     */
    public static String mlsxLine(FileEntry e, String displayName, Set<String> facts, boolean writable,
                                  String typeOverride) {
        StringBuilder line = new StringBuilder();
        for (String fact : ALL_FACTS) {
            if (!facts.contains(fact)) {
                continue;
            }
            String value = switch (fact) {
                case "type" -> typeOverride != null ? typeOverride : e.directory() ? "dir" : "file";
                case "size" -> e.directory() ? null : Long.toString(e.size());
                case "modify" -> MLSX_TIME.format(e.modified());
                case "perm" -> perm(e.directory(), writable);
                case "unique" -> e.unique();
                default -> throw new AssertionError(fact);
            };
            if (value != null) {
                line.append(fact).append('=').append(value).append(';');
            }
        }
        return line.append(' ').append(displayName).toString();
    }

    /** RFC 3659 7.5.5: a read-only entry keeps only the letters that change nothing (read; enter, list). */
    private static String perm(boolean directory, boolean writable) {
        if (directory) {
            return writable ? "elcfmp" : "el";
        }
        return writable ? "adfrw" : "r";
    }
}
