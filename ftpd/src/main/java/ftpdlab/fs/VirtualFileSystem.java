package ftpdlab.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one jail every client path goes through. Virtual paths are absolute, '/'-separated, '/' = the root.
 *
 * <p>The checks are done when a path is resolved, so a symlink swapped in between {@link #resolve} and the
 * actual file operation is not caught; that race is accepted for this server.
 */
public final class VirtualFileSystem {
    private static final String OUTSIDE_ROOT = "Permission denied: path is outside the root";
    private static final LinkOption[] FOLLOW = {};
    private static final LinkOption[] NOFOLLOW = {NOFOLLOW_LINKS};

    private final Path root;

    public VirtualFileSystem(Path root) throws IOException {
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(this.root.toString());
        }
    }

    /** Real path of the root. */
    public Path root() {
        return root;
    }

    /**
     * Normalizes a client argument against the virtual cwd: "" or null means the cwd, absolute arguments are
     * relative to the virtual root, "." and ".." are resolved. Backslashes are ordinary name characters.
     *
     * @return a path like "/a/b", or "/"
     * @throws FsException if the path climbs above "/" or contains NUL
     */
    public String normalize(String virtualCwd, String arg) throws FsException {
        String cwd = virtualCwd == null || virtualCwd.isEmpty() ? "/" : virtualCwd;
        String path = arg == null || arg.isEmpty() ? cwd : arg.startsWith("/") ? arg : cwd + "/" + arg;
        if (path.indexOf('\0') >= 0) {
            throw new FsException("Invalid path");
        }
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                // Refused rather than clamped at "/": a client climbing out is either confused or probing.
                if (names.pollLast() == null) {
                    throw new FsException(OUTSIDE_ROOT);
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }

    /**
     * {@link #normalize} then map to a path under the root, refusing it if its longest existing prefix really
     * lives outside the root (symlinks). The returned path is lexical, not real, so that a symlink inside the
     * root that points inside the root keeps its own name.
     */
    public Path resolve(String virtualCwd, String arg) throws FsException {
        Path path = root;
        try {
            for (String name : normalize(virtualCwd, arg).split("/")) {
                if (!name.isEmpty()) {
                    path = path.resolve(name);
                }
            }
        } catch (InvalidPathException e) {
            throw new FsException("Invalid path");
        }
        requireExistingPrefixInsideRoot(path);
        return path;
    }

    private void requireExistingPrefixInsideRoot(Path path) throws FsException {
        // NOFOLLOW so that a dangling link counts as existing: it must be checked, not skipped, or an upload
        // through it would create its target wherever it points.
        Path existing = path;
        while (existing != null && !Files.exists(existing, NOFOLLOW)) {
            existing = existing.getParent();
        }
        if (existing == null || !leadsInsideRoot(existing)) {
            throw new FsException(OUTSIDE_ROOT);
        }
    }

    /** False also when the target cannot be determined (dangling link, loop): then it cannot be trusted. */
    private boolean leadsInsideRoot(Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** Real path under the root -> virtual path ("/..."), e.g. for 257 replies. */
    public String toVirtual(Path real) {
        Path path = real.toAbsolutePath().normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Not under the root: " + real);
        }
        StringJoiner virtual = new StringJoiner("/", "/", "");
        for (Path name : root.relativize(path)) {
            if (!name.toString().isEmpty()) {
                virtual.add(name.toString());
            }
        }
        return virtual.toString();
    }

    /**
     * Lists an already resolved directory, sorted by name. Symlinks leading outside the root are listed, but
     * with the attributes of the link itself.
     */
    public List<FileEntry> list(Path dir) throws IOException {
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                try {
                    entries.add(stat(child));
                } catch (NoSuchFileException e) {
                    // Deleted between reading the directory and reading its attributes: it is gone, so omit it.
                }
            }
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    /** Attributes of one path; a symlink is followed only if it leads inside the root. */
    public FileEntry stat(Path p) throws IOException {
        boolean symlink = Files.isSymbolicLink(p);
        LinkOption[] options = symlink && !leadsInsideRoot(p) ? NOFOLLOW : FOLLOW;

        BasicFileAttributes attrs;
        String permissions;
        try {
            PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class, options);
            attrs = posix;
            permissions = PosixFilePermissions.toString(posix.permissions());
        } catch (UnsupportedOperationException e) {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, options);
            permissions = attrs.isDirectory() ? "rwxr-xr-x" : "rw-r--r--";
        }

        Path fileName = p.getFileName();
        String name = fileName == null || p.equals(root) ? "/" : fileName.toString();
        return new FileEntry(name, attrs.isDirectory(), symlink, attrs.size(),
                attrs.lastModifiedTime().toInstant(), permissions, uniqueId(p, attrs, options));
    }

    private static String uniqueId(Path p, BasicFileAttributes attrs, LinkOption[] options) {
        try {
            Map<String, Object> ids = Files.readAttributes(p, "unix:dev,ino", options);
            return Long.toHexString((Long) ids.get("dev")) + "U" + Long.toHexString((Long) ids.get("ino"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // No unix view on this platform, and fileKey has no portable text form, so its hash stands in.
            Object key = attrs.fileKey() != null ? attrs.fileKey() : p.toAbsolutePath().normalize();
            return Integer.toHexString(key.hashCode());
        }
    }
}
