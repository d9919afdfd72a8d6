package ftpdlab.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every client path goes through. Virtual paths are absolute, '/'-separated, '/' = the root.
 *
 * <p>There is no check followed by a use: every operation walks its path one name at a time from an
 * open handle on the root ({@link SecureDirectoryStream}, openat-style), opening each directory with
 * NOFOLLOW, and acts on the last name through the handle of the directory holding it. A symlink is
 * followed only by reading its text and walking that text from the same handles, inside the jail: a
 * target above the root (or an absolute target elsewhere) is refused, and so is a directory swapped
 * for a symlink between the look and the open, because the NOFOLLOW open fails. Callers therefore get
 * entries, listings and open channels, never a real path to open later.
 *
 * <p>Upload scratch files ({@link TempFiles}) are invisible through every method here.
 */
public final class VirtualFileSystem {

    /** Names starting with '.' and ending in this are the door's scratch files, invisible to clients. */
    public static final String SCRATCH_SUFFIX = TempFiles.SUFFIX;

    static final String OUTSIDE_ROOT = "Permission denied: path is outside the root";

    private static final Logger log = LoggerFactory.getLogger(VirtualFileSystem.class);
    /** Links followed in one resolution before giving up, as Linux's MAXSYMLINKS. */
    private static final int MAX_LINK_HOPS = 40;
    private static final Pattern UNIX_FILE_KEY = Pattern.compile("\\(dev=([0-9a-f]+),ino=(\\d+)\\)");

    /** Test seam: runs just before a directory or file found on a path is opened, the window a swap would use. */
    @FunctionalInterface
    interface OpenHook {
        void beforeOpen(Path root, String virtual) throws IOException;
    }

    static volatile OpenHook openHook = (root, virtual) -> { };

    private final Path root;
    private final Path configuredRoot;
    private final NameLocks locks;
    /** The door this one is a jail inside, or null for the server's root. */
    private final VirtualFileSystem parent;
    /** Where this door's root is in {@code parent}, links already resolved: "/home/bob". */
    private final String base;
    /** The server root's handle every walk starts from; null in a jail, which walks from its top door's. */
    private final SharedRoot shared;

    /** Opens the door on {@code root} and removes upload leftovers of an earlier run under it. */
    public VirtualFileSystem(Path root) throws IOException {
        this.parent = null;
        this.base = "/";
        this.locks = new NameLocks();
        this.configuredRoot = root.toAbsolutePath().normalize();
        this.root = root.toRealPath();
        if (!Files.isDirectory(this.root)) {
            throw new NotDirectoryException(this.root.toString());
        }
        try (SecureDirectoryStream<Path> top = openRootAgain()) {
            int removed = TempFiles.sweep(top);
            if (removed > 0) {
                log.info("removed {} upload leftovers under {}", removed, this.root);
            }
            this.shared = new SharedRoot(openRootAgain());
        } catch (FsException e) {
            throw new IOException(e.getMessage() + ": " + this.root, e);
        }
    }

    /** Closes the server root's handle; for the server's stop. A jail has none of its own. */
    public void close() {
        if (shared != null) {
            try {
                shared.release();
            } catch (IOException e) {
                log.debug("closing the root handle of {}: {}", root, e.toString());
            }
        }
    }

    private VirtualFileSystem(VirtualFileSystem parent, String base, Path root, Path configuredRoot) {
        this.parent = parent;
        this.base = base;
        this.root = root;
        this.configuredRoot = configuredRoot;
        // Shared: an upload committing through the jail and a DELE through the root lock the same names.
        this.locks = parent.locks;
        this.shared = null;
    }

    /**
     * A door whose root is the directory {@code home} of this one: a user's jail. Every operation
     * through it walks from this door's root handle down to {@code home} with NOFOLLOW at every
     * step, then inside as usual, so neither ".." nor a link (followed only inside the jail) leads
     * out of it, and a directory on the way swapped for a link makes the jail fail closed.
     *
     * @param home a virtual path of this door; links in it are resolved once, now, inside this door
     * @throws FsException when it is not a directory inside this door
     */
    public VirtualFileSystem jail(String home) throws FsException {
        String v = normalize("/", home);
        if (v.equals("/")) {
            return this;
        }
        String resolved;
        try (Location at = walk(v, true)) {
            if (at.name() != null) {
                PosixFileAttributes attrs = lstat(at.dir(), at.name(), v);
                if (attrs == null || !attrs.isDirectory()) {
                    throw new FsException("Not a directory: " + printable(v));
                }
            }
            resolved = at.virtual();
        }
        String inside = resolved.substring(1);
        return new VirtualFileSystem(this, base.equals("/") ? resolved : base + resolved,
                root.resolve(inside), configuredRoot.resolve(inside));
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
                    throw FsErrors.outside();
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }

    /** A client's path as it may appear in a reply (control characters replaced). */
    public static String printable(String path) {
        return FsErrors.printable(path);
    }

    // ---- Queries ----------------------------------------------------------------------------------

    /**
     * The entry at {@code virtual}. A symlink shows its target's attributes when the target is inside the
     * root, its own otherwise; the name is the last name of {@code virtual} ("/" for the root).
     */
    public FileEntry stat(String virtual) throws FsException {
        return find(virtual).orElseThrow(() -> FsErrors.noSuch(virtual));
    }

    /**
     * As {@link #stat}, but empty when the last name does not exist (its directory does).
     *
     * @throws FsException when the directory does not exist, or leads outside the root
     */
    public Optional<FileEntry> find(String virtual) throws FsException {
        try (Location at = walk(virtual, false)) {
            if (at.name() == null) {
                return Optional.of(entry(ownAttributes(at.dir(), virtual), null, nameOf(virtual)));
            }
            PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
            return attrs == null ? Optional.empty() : Optional.of(entry(attrs, at.virtual(), nameOf(virtual)));
        }
    }

    /**
     * The entry {@code virtual} leads to, a final symlink followed: refused when that leads outside the root
     * (LIST of a path, CWD).
     */
    public FileEntry target(String virtual) throws FsException {
        try (Location at = walk(virtual, true)) {
            if (at.name() == null) {
                return entry(ownAttributes(at.dir(), virtual), null, nameOf(virtual));
            }
            PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
            if (attrs == null) {
                throw FsErrors.noSuch(virtual);
            }
            return entry(attrs, null, nameOf(virtual));
        }
    }

    /** The regular file at {@code virtual}, a symlink followed inside the root only (SIZE, MDTM). */
    public FileEntry file(String virtual) throws FsException {
        try (Location at = walk(virtual, true)) {
            return entry(regularFile(at, virtual), null, nameOf(virtual));
        }
    }

    /** The entries of a directory, sorted by name, links shown as {@link #stat} shows them. */
    public List<FileEntry> list(String virtual) throws FsException {
        List<FileEntry> entries = new ArrayList<>();
        try (Location at = walk(virtual, true); SecureDirectoryStream<Path> dir = openDirectory(at, virtual)) {
            String prefix = at.virtual().equals("/") ? "/" : at.virtual() + "/";
            for (Path child : dir) {
                String name = child.getFileName().toString();
                PosixFileAttributes attrs = lstat(dir, name, virtual);
                if (attrs != null) {
                    entries.add(entry(attrs, prefix + name, name));
                }
                // else a scratch file, or deleted since the directory was read: either way not there for the client.
            }
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
        entries.sort(Comparator.comparing(FileEntry::name));
        return entries;
    }

    /** Opens a regular file for reading; a symlink is followed inside the root only. */
    public SeekableByteChannel openRead(String virtual) throws FsException {
        try (Location at = walk(virtual, true)) {
            regularFile(at, virtual);
            hook(at.virtual());
            try {
                return at.dir().newByteChannel(at.entry(), Set.of(StandardOpenOption.READ, NOFOLLOW_LINKS));
            } catch (IOException e) {
                throw FsErrors.of(e, virtual);
            }
        }
    }

    private PosixFileAttributes regularFile(Location at, String virtual) throws FsException {
        PosixFileAttributes attrs = at.attrs();
        if (at.name() != null && attrs == null) {
            throw FsErrors.noSuch(virtual);
        }
        if (attrs == null || !attrs.isRegularFile()) {
            throw new FsException("Not a regular file: " + printable(virtual));
        }
        return attrs;
    }

    // ---- Changes ----------------------------------------------------------------------------------

    /** DELE: removes a file or a symlink (never what it points to). */
    public void delete(String virtual) throws FsException {
        try (Location at = walk(virtual, false)) {
            PosixFileAttributes attrs = existingEntry(at, virtual, "Cannot delete the root directory.");
            if (attrs.isDirectory()) {
                throw new FsException("Is a directory; use RMD.");
            }
            NameLocks.Key key = lockNow(at, virtual);
            try {
                at.dir().deleteFile(at.entry());
            } catch (IOException e) {
                throw FsErrors.of(e, virtual);
            } finally {
                locks.release(key);
            }
        }
    }

    /** RMD. */
    public void removeDirectory(String virtual) throws FsException {
        try (Location at = walk(virtual, false)) {
            PosixFileAttributes attrs = existingEntry(at, virtual, "Cannot remove the root directory.");
            if (!attrs.isDirectory()) {
                throw new FsException("Not a directory: " + printable(virtual));
            }
            at.dir().deleteDirectory(at.entry());
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    /**
     * MKD. There is no mkdirat in java.nio, so the directory is made under the root (a path no client can
     * change) with a scratch name and renamed into place through the handles; a file system mounted inside
     * the root cannot take it that way and the client is told so.
     */
    public void createDirectory(String virtual) throws FsException {
        // The scratch is made in the server's own root, whose path only the operator controls: a jail's path
        // (a home another write account can rename) could be swapped for a link between here and the mkdir.
        VirtualFileSystem server = top();
        try (Location at = walk(virtual, false); SecureDirectoryStream<Path> top = server.openRoot()) {
            if (at.name() == null || lstat(at.dir(), at.name(), virtual) != null) {
                throw new FsException("File exists: " + printable(virtual));
            }
            requireUsableName(at, virtual);
            String scratch = TempFiles.newName();
            Files.createDirectory(server.root.resolve(scratch));
            try {
                top.move(Path.of(scratch), at.dir(), at.entry());
            } catch (IOException e) {
                top.deleteDirectory(Path.of(scratch));
                throw e;
            }
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    /** RNFR/RNTO: renames an entry (a symlink itself, not its target); an existing file at {@code to} is replaced. */
    public void rename(String from, String to) throws FsException {
        try (Location src = walk(from, false); Location dst = walk(to, false)) {
            existingEntry(src, from, "Cannot rename the root directory.");
            if (from.equals(to)) {
                return; // rename(2) of a name onto itself succeeds and changes nothing; locking it twice would not
            }
            PosixFileAttributes target = dst.name() == null ? null : lstat(dst.dir(), dst.name(), to);
            if (dst.name() == null || target != null && target.isDirectory()) {
                throw new FsException("Target is a directory: " + printable(to));
            }
            requireUsableName(dst, to);
            NameLocks.Key srcKey = lockNow(src, from);
            try {
                NameLocks.Key dstKey = lockNow(dst, to);
                try {
                    SharedRoot.unwrap(src.dir()).move(src.entry(), SharedRoot.unwrap(dst.dir()), dst.entry());
                } finally {
                    locks.release(dstKey);
                }
            } finally {
                locks.release(srcKey);
            }
        } catch (IOException e) {
            throw FsErrors.of(e, to);
        }
    }

    /**
     * Starts an upload to {@code virtual}: the data goes to a scratch file beside the target and replaces it
     * only on {@link Upload#commit}. A symlink as the target is followed inside the root, so the data lands
     * where the link points.
     *
     * @param keep bytes of the existing file to keep before the new data: 0 (STOR), a REST offset, or
     *             {@link Upload#APPEND} (APPE); decided when the upload commits, not now
     * @param claim the name STOU claimed for this upload, removed if the upload fails; or null
     */
    public Upload beginUpload(String virtual, long keep, UniqueName claim) throws FsException {
        Location at = uploadTarget(virtual);
        try {
            return new Upload(this, at, virtual, keep, claim);
        } catch (FsException | RuntimeException e) {
            at.close();
            throw e;
        }
    }

    /**
     * What an upload to {@code virtual} would replace, checked as {@link #beginUpload} will: empty for a new
     * file, refused for a directory, a reserved name, or a directory that does not exist.
     */
    public Optional<FileEntry> findUploadTarget(String virtual) throws FsException {
        try (Location at = uploadTarget(virtual)) {
            PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
            return attrs == null ? Optional.empty() : Optional.of(entry(attrs, null, nameOf(virtual)));
        }
    }

    private Location uploadTarget(String virtual) throws FsException {
        Location at = walk(virtual, true);
        try {
            if (at.name() == null || isDirectoryEntry(at, virtual)) {
                throw new FsException("Is a directory: " + printable(virtual));
            }
            requireUsableName(at, virtual);
            return at;
        } catch (FsException | RuntimeException e) {
            at.close();
            throw e;
        }
    }

    /**
     * STOU: claims a name not yet taken in the directory of {@code virtualBase} ("base", then "base.1", ...)
     * by creating it empty, so that two STOUs never pick, and then overwrite, the same name.
     */
    public UniqueName claimUnique(String virtualBase) throws FsException {
        try (Location at = walk(virtualBase, false)) {
            if (at.name() == null) {
                throw new FsException("Is a directory: " + printable(virtualBase));
            }
            requireUsableName(at, virtualBase);
            String parent = parentOf(virtualBase);
            for (int i = 0; i < 10_000; i++) {
                String name = i == 0 ? at.name() : at.name() + "." + i;
                try {
                    at.dir().newByteChannel(Path.of(name), Set.of(StandardOpenOption.CREATE_NEW,
                                    StandardOpenOption.WRITE, NOFOLLOW_LINKS),
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))
                            .close();
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    continue;
                } catch (IOException e) {
                    throw FsErrors.of(e, virtualBase);
                }
                Object key = fileKey(lstat(at.dir(), name, virtualBase));
                return new UniqueName(parent.equals("/") ? "/" + name : parent + "/" + name, name, key);
            }
            throw new FsException("No unique name left for " + printable(virtualBase) + ".");
        }
    }

    /** Removes what {@link #claimUnique} created, unless it was replaced or written since. */
    public void releaseClaim(UniqueName claim) {
        try (Location at = walk(claim.virtual(), false)) {
            PosixFileAttributes attrs = lstat(at.dir(), at.name(), claim.virtual());
            if (attrs == null || attrs.size() != 0 || !claim.key().equals(fileKey(attrs))) {
                return;
            }
            NameLocks.Key key = key(at);
            if (locks.tryAcquire(key)) {
                try {
                    at.dir().deleteFile(at.entry());
                } finally {
                    locks.release(key);
                }
            }
        } catch (FsException | IOException e) {
            // An empty file left under a unique name harms nothing.
        }
    }

    // ---- The walk ---------------------------------------------------------------------------------

    /**
     * Resolves {@code virtual} (already normalized) from the root, one name at a time.
     *
     * @param followLast follow a symlink as the last name too (open, list, upload); false acts on the link
     *                   itself (delete, rename, stat)
     */
    Location walk(String virtual, boolean followLast) throws FsException {
        Deque<String> pending = new ArrayDeque<>(List.of(virtual.split("/")));
        Deque<SecureDirectoryStream<Path>> open = new ArrayDeque<>();
        Deque<String> below = new ArrayDeque<>(); // names of the open directories under the root
        int hops = 0;
        try {
            open.push(openRoot());
            while (!pending.isEmpty()) {
                String name = pending.poll();
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    // Only link texts bring ".." here; the stack is the real path, so popping is the real parent.
                    if (below.isEmpty()) {
                        throw FsErrors.outside();
                    }
                    closeQuietly(open.pop());
                    below.removeLast();
                    continue;
                }
                boolean last = pending.stream().allMatch(n -> n.isEmpty() || n.equals("."));
                String here = join(below, name);
                PosixFileAttributes attrs = lstat(open.peek(), name, virtual);
                if (attrs != null && attrs.isSymbolicLink() && (!last || followLast)) {
                    if (++hops > MAX_LINK_HOPS) {
                        throw new FsException("Too many levels of symbolic links: " + printable(virtual));
                    }
                    String text = readLink(below, name, virtual);
                    if (text.startsWith("/")) {
                        while (open.size() > 1) {
                            closeQuietly(open.pop());
                        }
                        below.clear();
                        text = insideRoot(text);
                    }
                    List<String> target = List.of(text.split("/"));
                    for (int i = target.size() - 1; i >= 0; i--) {
                        pending.addFirst(target.get(i));
                    }
                    continue;
                }
                if (last) {
                    return new Location(open.pop(), name, here, attrs);
                }
                if (attrs == null) {
                    throw FsErrors.noSuch(virtual);
                }
                if (!attrs.isDirectory()) {
                    throw new FsException("Not a directory: " + printable(virtual));
                }
                hook(here);
                open.push(openChild(open.peek(), name, virtual));
                below.addLast(name);
            }
            return new Location(open.pop(), null, join(below, null), null);
        } finally {
            for (SecureDirectoryStream<Path> d : open) {
                closeQuietly(d);
            }
        }
    }

    /** An absolute link text as a path relative to the root; refused unless it names a place under it. */
    private String insideRoot(String text) throws FsException {
        Path target = Path.of(text).normalize();
        for (Path base : List.of(root, configuredRoot)) {
            if (target.startsWith(base)) {
                return base.relativize(target).toString();
            }
        }
        throw FsErrors.outside();
    }

    /**
     * The text of a link. Read by path because java.nio has no readlinkat, which is safe: whatever text is
     * read, it is only ever walked from the root handle, inside the jail.
     */
    private String readLink(Deque<String> below, String name, String virtual) throws FsException {
        Path p = root;
        for (String dir : below) {
            p = p.resolve(dir);
        }
        try {
            return Files.readSymbolicLink(p.resolve(name)).toString();
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    /** The server's own door, the one every jail is inside. */
    private VirtualFileSystem top() {
        VirtualFileSystem top = this;
        while (top.parent != null) {
            top = top.parent;
        }
        return top;
    }

    /** The handle walks start from: the shared server root (never closed by them), or a jail's base, opened for the walk. */
    SecureDirectoryStream<Path> openRoot() throws FsException {
        return parent != null ? openBase() : shared;
    }

    /** A stream of its own on the server root, for what iterates it. */
    private SecureDirectoryStream<Path> openRootAgain() throws FsException {
        try {
            DirectoryStream<Path> dir = Files.newDirectoryStream(root);
            if (dir instanceof SecureDirectoryStream<Path> secure) {
                return secure;
            }
            dir.close();
            throw new FsException("The file system door needs openat (SecureDirectoryStream) on this platform");
        } catch (IOException e) {
            log.error("cannot open the root {}: {}", root, e.toString());
            throw new FsException("Cannot open the root directory");
        }
    }

    /** A jail's root, opened name by name from the server root's handle, never through a link. */
    private SecureDirectoryStream<Path> openBase() throws FsException {
        VirtualFileSystem top = top();
        SecureDirectoryStream<Path> dir = top.openRoot();
        for (String name : base.substring(1).split("/")) {
            try {
                SecureDirectoryStream<Path> child = dir.newDirectoryStream(Path.of(name), NOFOLLOW_LINKS);
                closeQuietly(dir);
                dir = child;
            } catch (IOException e) {
                closeQuietly(dir);
                log.warn("cannot open the jail {} under {}: {}", base, top.root, e.toString());
                throw new FsException("Cannot open your home directory");
            }
        }
        return dir;
    }

    private SecureDirectoryStream<Path> openChild(SecureDirectoryStream<Path> dir, String name, String virtual)
            throws FsException {
        try {
            return dir.newDirectoryStream(Path.of(name), NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    /** The directory a location names, opened for listing. */
    private SecureDirectoryStream<Path> openDirectory(Location at, String virtual) throws FsException {
        if (at.name() == null) {
            return at.dir() instanceof SharedRoot ? openRootAgain() : at.dir();
        }
        PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
        if (attrs == null) {
            throw FsErrors.noSuch(virtual);
        }
        if (!attrs.isDirectory()) {
            throw new FsException("Not a directory: " + printable(virtual));
        }
        hook(at.virtual());
        return openChild(at.dir(), at.name(), virtual);
    }

    /**
     * Attributes of {@code name} itself (never followed); null when there is no such entry, or when it is a
     * scratch file: this is where they are hidden from every command.
     */
    PosixFileAttributes lstat(SecureDirectoryStream<Path> dir, String name, String virtual) throws FsException {
        if (TempFiles.isTemp(name)) {
            return null;
        }
        try {
            return dir.getFileAttributeView(Path.of(name), PosixFileAttributeView.class, NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    private PosixFileAttributes ownAttributes(SecureDirectoryStream<Path> dir, String virtual) throws FsException {
        try {
            return dir.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
        } catch (IOException e) {
            throw FsErrors.of(e, virtual);
        }
    }

    private PosixFileAttributes existingEntry(Location at, String virtual, String whenRoot) throws FsException {
        if (at.name() == null) {
            throw new FsException(whenRoot);
        }
        PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
        if (attrs == null) {
            throw FsErrors.noSuch(virtual);
        }
        return attrs;
    }

    private boolean isDirectoryEntry(Location at, String virtual) throws FsException {
        PosixFileAttributes attrs = lstat(at.dir(), at.name(), virtual);
        return attrs != null && attrs.isDirectory();
    }

    private static void requireUsableName(Location at, String virtual) throws FsException {
        if (TempFiles.isTemp(at.name())) {
            throw new FsException("Permission denied: names like " + printable(nameOf(virtual))
                    + " (starting with '.' and ending in " + TempFiles.SUFFIX + ") are reserved for uploads");
        }
    }

    /**
     * An entry for a listing. A link shows its target when that resolves inside the root, else itself.
     *
     * @param linkVirtual the entry's virtual path, to follow it if it is a link; null for none
     */
    private FileEntry entry(PosixFileAttributes own, String linkVirtual, String shownName) {
        PosixFileAttributes attrs = own;
        if (own.isSymbolicLink() && linkVirtual != null) {
            try (Location target = walk(linkVirtual, true)) {
                PosixFileAttributes followed = target.name() == null
                        ? ownAttributes(target.dir(), linkVirtual) : lstat(target.dir(), target.name(), linkVirtual);
                attrs = followed != null ? followed : own;
            } catch (FsException outsideOrDangling) {
                // Listed, but with the attributes of the link itself: what it points to is none of the client's business.
            }
        }
        return new FileEntry(shownName, attrs.isDirectory(), own.isSymbolicLink(), attrs.size(),
                attrs.lastModifiedTime().toInstant(), PosixFilePermissions.toString(attrs.permissions()),
                uniqueId(attrs));
    }

    private static String uniqueId(PosixFileAttributes attrs) {
        Object key = attrs.fileKey();
        Matcher m = UNIX_FILE_KEY.matcher(String.valueOf(key));
        if (m.matches()) {
            return m.group(1) + "U" + Long.toHexString(Long.parseLong(m.group(2)));
        }
        // fileKey has no portable text form; its hash stands in.
        return Integer.toHexString(String.valueOf(key).hashCode());
    }

    static Object fileKey(PosixFileAttributes attrs) {
        return attrs == null ? null : attrs.fileKey();
    }

    NameLocks locks() {
        return locks;
    }

    NameLocks.Key key(Location at) throws FsException {
        try {
            Object dir = at.dir().getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
            return new NameLocks.Key(dir, at.name());
        } catch (IOException e) {
            throw FsErrors.of(e, at.virtual());
        }
    }

    private NameLocks.Key lockNow(Location at, String virtual) throws FsException {
        NameLocks.Key key = key(at);
        if (!locks.tryAcquire(key)) {
            throw new FileBusyException(virtual);
        }
        return key;
    }

    void hook(String virtual) throws FsException {
        try {
            openHook.beforeOpen(root, virtual);
        } catch (IOException e) {
            throw new IllegalStateException("open hook failed", e);
        }
    }

    private static String join(Deque<String> below, String name) {
        StringJoiner j = new StringJoiner("/", "/", "");
        below.forEach(j::add);
        if (name != null) {
            j.add(name);
        }
        return j.toString();
    }

    private static String nameOf(String virtual) {
        int slash = virtual.lastIndexOf('/');
        return virtual.equals("/") ? "/" : virtual.substring(slash + 1);
    }

    private static String parentOf(String virtual) {
        int slash = virtual.lastIndexOf('/');
        return slash <= 0 ? "/" : virtual.substring(0, slash);
    }

    static void closeQuietly(SecureDirectoryStream<Path> d) {
        try {
            d.close();
        } catch (IOException ignored) {
            // A directory handle being closed has nothing left to undo.
        }
    }
}
