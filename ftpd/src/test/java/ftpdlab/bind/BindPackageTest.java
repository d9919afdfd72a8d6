package ftpdlab.bind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rule that keeps config and data apart: bind is a leaf, config reaches strategies only through it. */
class BindPackageTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "ftpdlab");

    @Test
    void bindImportsNothingOfTheServerAndConfigNothingOfData() throws IOException {
        assertThat(ftpdlabImports("bind")).isEmpty();
        assertThat(ftpdlabImports("config")).allMatch(i -> !i.startsWith("import ftpdlab.data."));
    }

    private static List<String> ftpdlabImports(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(BindPackageTest::lines)
                    .filter(l -> l.startsWith("import ftpdlab.")).toList();
        }
    }

    private static Stream<String> lines(Path f) {
        try {
            return Files.readAllLines(f).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
