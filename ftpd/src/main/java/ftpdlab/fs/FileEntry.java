package ftpdlab.fs;

import java.time.Instant;

/**
 * One directory entry as shown to clients.
 *
 * @param unixPermissions like {@code "rwxr-xr-x"}
 * @param unique stable identity of the underlying file, for the MLSx {@code unique} fact
 */
public record FileEntry(
        String name,
        boolean directory,
        boolean symlink,
        long size,
        Instant modified,
        String unixPermissions,
        String unique) {
}
