package ftpdlab.harness.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Report files appear whole or not at all: an interrupted run must not leave half a results.json. */
final class ReportFiles {

    interface Body {
        void writeTo(Writer out) throws IOException;
    }

    private ReportFiles() {
    }

    static void write(Path file, String content) throws IOException {
        write(file, out -> out.write(content));
    }

    static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        // a sibling, not createTempFile: that one is owner-only, and reports are meant to be shared
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
