package ftpdlab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ftpdlab.auth.Users.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    private static final int FAST = 1_000;

    @TempDir
    Path dir;

    private static String hashOf(String password) {
        return PasswordHasher.hash(password.toCharArray(), FAST);
    }

    private Path write(String content) throws IOException {
        Path f = dir.resolve("users.properties");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(Path f) {
        return assertThatThrownBy(() -> UsersFile.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("users file " + f + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    // --- loadFile ---------------------------------------------------------------

    @Test
    void loadsAccountsWithDefaults() throws IOException {
        String bobHash = hashOf("bobpw");
        String aliceHash = hashOf("alicepw");
        Path f = write("""
                # comment lines are fine
                user.bob.password = %s
                user.bob.home = /pub/bob
                user.bob.write = true
                user.alice.password = %s
                """.formatted(bobHash, aliceHash));

        List<Account> accounts = UsersFile.load(f);

        assertThat(accounts).containsExactly(
                new Account(new User("alice", "/", false, false), aliceHash),
                new Account(new User("bob", "/pub/bob", true, false), bobHash));
        Users users = Users.of(false, false, accounts);
        assertThat(users.authenticate("bob", "bobpw".toCharArray())).isEqualTo(new User("bob", "/pub/bob", true, false));
        assertThat(users.authenticate("alice", "alicepw".toCharArray())).isEqualTo(new User("alice", "/", false, false));
        assertThat(users.authenticate("alice", "bobpw".toCharArray())).isNull();
    }

    @Test
    void emptyFileMeansNoAccounts() throws IOException {
        assertThat(UsersFile.load(write(""))).isEmpty();
    }

    @Test
    void trailingWhitespaceAndCaseOfBooleanAreTolerated() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "   \nuser.bob.write = FALSE  \n");
        assertThat(UsersFile.load(f)).singleElement().satisfies(a -> assertThat(a.user().write()).isFalse());
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.shell = /bin/sh\n");
        assertLoadFails(f).hasMessageContaining("user.bob.shell")
                .hasMessageContaining("user.<name>.password, user.<name>.home, user.<name>.write");
    }

    @Test
    void keyOutsideUserNamespaceIsNamed() throws IOException {
        assertLoadFails(write("port = 21\n")).hasMessageContaining("'port'");
    }

    @Test
    void keyWithoutNameIsRejected() throws IOException {
        assertLoadFails(write("user..password = " + hashOf("x") + "\n")).hasMessageContaining("'user..password'");
        assertLoadFails(write("user.password = " + hashOf("x") + "\n")).hasMessageContaining("'user.password'");
    }

    @Test
    void missingPasswordIsNamed() throws IOException {
        Path f = write("user.bob.home = /bob\n");
        assertLoadFails(f).hasMessageContaining("user.bob.password is required");
    }

    @Test
    void malformedPasswordIsNamedButNotEchoed() throws IOException {
        Path f = write("user.bob.password = hunter2\n");
        assertLoadFails(f).hasMessageContaining("user.bob.password must have the form pbkdf2-sha256:")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void badBooleanIsNamedWithValueAndTheAcceptedWords() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.write = maybe\n");
        assertLoadFails(f).hasMessage("users file " + f
                + ": user.bob.write must be true/false, yes/no or on/off, got 'maybe'");
    }

    @Test
    void booleansTakeTheOneGrammar() throws IOException {
        for (String yes : List.of("true", "yes", "on", "YES")) {
            Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.write = " + yes + "\n");
            assertThat(UsersFile.load(f)).singleElement().satisfies(a -> assertThat(a.user().write()).isTrue());
        }
        for (String no : List.of("false", "no", "off")) {
            Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.admin = " + no + "\n");
            assertThat(UsersFile.load(f)).singleElement().satisfies(a -> assertThat(a.user().admin()).isFalse());
        }
    }

    @Test
    void relativeHomeIsNamed() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.home = pub/bob\n");
        assertLoadFails(f).hasMessageContaining("user.bob.home must be a virtual path starting with '/'")
                .hasMessageContaining("got 'pub/bob'");
    }

    @Test
    void homeEscapingTheRootIsRejected() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.home = /pub/../../etc\n");
        assertLoadFails(f).hasMessageContaining("user.bob.home");
    }

    @Test
    void escapedNewlineInValueStaysOnOneLine() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.write = tr\\nue\n");
        assertLoadFails(f).hasMessageContaining("got 'tr\\nue'");
    }

    @Test
    void nameWithWhitespaceIsRejected() throws IOException {
        Path f = write("user.bob\\ smith.password = " + hashOf("x") + "\n");
        assertLoadFails(f).hasMessageContaining("user.bob smith.password");
    }

    @Test
    void duplicateKeyIsNamed() throws IOException {
        Path f = write("user.bob.password = " + hashOf("x") + "\nuser.bob.write = false\nuser.bob.write = true\n");
        assertLoadFails(f).hasMessageContaining("user.bob.write appears more than once");
    }

    @Test
    void badUnicodeEscapeIsOneLine() throws IOException {
        assertLoadFails(write("user.bob.home = /\\uZZZZ\n")).hasMessageContaining("not valid properties syntax");
    }

    @Test
    void unreadableFileIsOneLine() {
        Path missing = dir.resolve("nope.properties");
        assertLoadFails(missing).hasMessageContaining("cannot read");
    }

    @Test
    void directoryIsUnreadable() {
        assertLoadFails(dir).hasMessageContaining("cannot read");
    }

    // --- lookup / authenticate --------------------------------------------------

    @Test
    void unknownUser() {
        Users users = Users.of(false, false, List.of(new Account(new User("bob", "/", false, false), hashOf("pw"))));
        assertThat(users.lookup("mallory")).isNull();
        assertThat(users.authenticate("mallory", "pw".toCharArray())).isNull();
        assertThat(users.lookup(null)).isNull();
        assertThat(users.authenticate(null, "pw".toCharArray())).isNull();
        assertThat(users.authenticate("bob", null)).isNull();
    }

    @Test
    void namesAreCaseSensitive() {
        Users users = Users.of(false, false, List.of(new Account(new User("bob", "/", false, false), hashOf("pw"))));
        assertThat(users.lookup("bob")).isNotNull();
        assertThat(users.lookup("Bob")).isNull();
        assertThat(users.authenticate("BOB", "pw".toCharArray())).isNull();
    }

    @Test
    void anonymousOff() {
        Users users = Users.of(false, true, List.of());
        assertThat(users.anonymousEnabled()).isFalse();
        assertThat(users.lookup("anonymous")).isNull();
        assertThat(users.authenticate("anonymous", "me@example.org".toCharArray())).isNull();
        assertThat(users.authenticate("ftp", "me@example.org".toCharArray())).isNull();
    }

    @Test
    void anonymousOnAcceptsAnyPasswordAndIgnoresCase() {
        Users users = Users.of(true, false, List.of());
        assertThat(users.anonymousEnabled()).isTrue();
        User expected = new User("anonymous", "/", false, true);
        assertThat(users.lookup("anonymous")).isEqualTo(expected);
        assertThat(users.authenticate("anonymous", "me@example.org".toCharArray())).isEqualTo(expected);
        assertThat(users.authenticate("ANONYMOUS", new char[0])).isEqualTo(expected);
        assertThat(users.authenticate("Ftp", "x".toCharArray())).isEqualTo(new User("ftp", "/", false, true));
        assertThat(users.authenticate("anonymous", null)).isNull();
    }

    @Test
    void anonymousWriteFlag() {
        assertThat(Users.of(true, true, List.of()).authenticate("ftp", "a@b".toCharArray()).write()).isTrue();
        assertThat(Users.of(true, false, List.of()).authenticate("ftp", "a@b".toCharArray()).write()).isFalse();
    }

    @Test
    void accountNamedLikeAnonymousClashesOnlyWhenAnonymousIsOn() {
        List<Account> accounts = List.of(new Account(new User("FTP", "/", true, false), hashOf("pw")));
        assertThatThrownBy(() -> Users.of(true, false, accounts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FTP");
        Users users = Users.of(false, false, accounts);
        assertThat(users.authenticate("FTP", "pw".toCharArray())).isEqualTo(new User("FTP", "/", true, false));
        assertThat(users.authenticate("FTP", "wrong".toCharArray())).isNull();
    }

    @Test
    void duplicateAccountsAreRejected() {
        Account a = new Account(new User("bob", "/", false, false), hashOf("pw"));
        assertThatThrownBy(() -> Users.of(false, false, List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bob");
    }

    @Test
    void accountRequiresWellFormedHash() {
        assertThatThrownBy(() -> new Account(new User("bob", "/", false, false), "hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void plainAccount() {
        // '#' is outside the base64 alphabet, so a random salt or hash can never contain this
        // password by chance (with "pw" the check failed about once in 60 runs).
        String password = "pw#1";
        Account a = Users.plain("carol", password, true);
        assertThat(a.user()).isEqualTo(new User("carol", "/", true, false));
        assertThat(PasswordHasher.isWellFormed(a.passwordHash())).isTrue();
        assertThat(a.passwordHash()).doesNotContain(password).startsWith("pbkdf2-sha256:10000:");

        Users users = Users.of(true, false, List.of(a, Users.plain("dave", "pw2", false)));
        assertThat(users.authenticate("carol", password.toCharArray())).isEqualTo(a.user());
        assertThat(users.authenticate("carol", "pw2".toCharArray())).isNull();
        assertThat(users.authenticate("dave", "pw2".toCharArray()).write()).isFalse();
        assertThat(users.authenticate("anonymous", "x@y".toCharArray())).isNotNull();
    }

    @Test
    void plainAccountNeedsAName() {
        assertThatThrownBy(() -> Users.plain("", "pw", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
