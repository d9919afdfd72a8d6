package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users-file example of docs/configuration.md is loaded as written, so the docs cannot drift from the parser. */
public class UsersFileDocTest {

    /** The documented password of the example's bob. */
    public static final String BOB_PASSWORD = "s3cret";

    /** The ```properties block under "## Users file" in docs/configuration.md, written to {@code dir}. */
    public static Path exampleFile(Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        String section = doc.substring(doc.indexOf("## Users file"));
        int start = section.indexOf("```properties\n") + "```properties\n".length();
        String block = section.substring(start, section.indexOf("```", start));
        return Files.writeString(dir.resolve("users.properties"), block);
    }

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleLoadsAsWritten() throws Exception {
        List<Users.Account> accounts = UsersFile.load(exampleFile(dir));
        assertThat(accounts).singleElement().satisfies(a -> {
            assertThat(a.user().name()).isEqualTo("bob");
            assertThat(a.user().home()).isEqualTo("/bobhome");
            assertThat(a.user().write()).isTrue();
            assertThat(a.user().admin()).isFalse();
        });
        Users users = Users.of(false, false, accounts);
        assertThat(users.authenticate("bob", BOB_PASSWORD.toCharArray())).isNotNull();
        assertThat(users.authenticate("bob", "wrong".toCharArray())).isNull();
    }
}
