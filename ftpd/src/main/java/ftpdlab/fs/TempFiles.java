package ftpdlab.fs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the door's own scratch entries (upload data not yet committed, a directory being made).
 * They are fixed-length so that any name a client may use still fits beside them, and the door
 * treats every name of this form as absent: no command can see, open, replace or rename one.
 */
final class TempFiles {

    /** Also the suffix of the longer names older versions used, so a sweep removes those too. */
    static final String SUFFIX = ".ftpd-part";
    private static final int RANDOM_CHARS = 12;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempFiles() {
    }

    /** ".", 12 random characters, ".ftpd-part": 23 bytes whatever the target's name. */
    static String newName() {
        StringBuilder name = new StringBuilder(".");
        for (int i = 0; i < RANDOM_CHARS; i++) {
            name.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return name.append(SUFFIX).toString();
    }

    static boolean isTemp(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    /**
     * Removes every scratch entry under {@code dir}, recursively, without following links. Run when
     * the door opens for a root: whatever is left then belongs to a server that died mid-upload.
     *
     * @return how many were removed
     */
    static int sweep(SecureDirectoryStream<Path> dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (Path child : dir) {
            names.add(child.getFileName().toString());
        }
        int removed = 0;
        for (String name : names) {
            Path p = Path.of(name);
            BasicFileAttributes attrs;
            try {
                attrs = dir.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
            } catch (IOException gone) {
                continue;
            }
            if (isTemp(name)) {
                try {
                    if (attrs.isDirectory()) {
                        dir.deleteDirectory(p);
                    } else {
                        dir.deleteFile(p);
                    }
                    removed++;
                } catch (IOException e) {
                    // Not empty or not ours to delete: it stays hidden all the same.
                }
            } else if (attrs.isDirectory()) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(p, NOFOLLOW_LINKS)) {
                    removed += sweep(sub);
                } catch (IOException unreadable) {
                    // A directory the server cannot read cannot hold its uploads either.
                }
            }
        }
        return removed;
    }
}
