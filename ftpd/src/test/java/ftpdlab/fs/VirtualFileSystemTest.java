package ftpdlab.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VirtualFileSystemTest {
    private static final String OUTSIDE = "Permission denied: path is outside the root";

    @TempDir
    Path base;

    Path root;
    Path outside;
    VirtualFileSystem vfs;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("root"));
        outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectory(root.resolve("sub"));
        vfs = new VirtualFileSystem(root);
    }

    @Test
    void rootIsStoredAsRealPath() throws IOException {
        Path linkToRoot = Files.createSymbolicLink(base.resolve("link-to-root"), root);
        assertThat(new VirtualFileSystem(linkToRoot).root()).isEqualTo(root.toRealPath());
    }

    @Test
    void rootMustBeAnExistingDirectory() throws IOException {
        Path file = Files.writeString(base.resolve("file"), "x");
        assertThatThrownBy(() -> new VirtualFileSystem(base.resolve("missing"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new VirtualFileSystem(file)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "cwd={0} arg={1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "/,     NULL,      /",
            "/a/b,  '',        /a/b",
            "/a/b,  .,         /a/b",
            "/a/b,  ..,        /a",
            "/a/b,  ../..,     /",
            "/,     /,         /",
            "/a,    a/../b,    /a/b",
            "/a,    //a//b/,   /a/b",
            "/x/y,  /a/b,      /a/b",
            "/x,    /a/./b/..,  /a",
            "/,     a\\b,      /a\\b",
            "/,     ...,       /...",
            "NULL,  c,         /c",
    })
    void normalize(String cwd, String arg, String expected) throws FsException {
        assertThat(vfs.normalize(cwd, arg)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "cwd={0} arg={1}")
    @CsvSource({
            "/,    ..",
            "/a,   ../..",
            "/a,   /..",
            "/,    a/../../b",
    })
    void normalizeRefusesClimbingAboveRoot(String cwd, String arg) {
        assertThatThrownBy(() -> vfs.normalize(cwd, arg)).isInstanceOf(FsException.class).hasMessage(OUTSIDE);
    }

    @Test
    void normalizeRefusesNul() {
        assertThatThrownBy(() -> vfs.normalize("/", "a\0b")).isInstanceOf(FsException.class).hasMessage("Invalid path");
    }

    @Test
    void aJailSeesItsHomeAsTheRootAndNothingAbove() throws Exception {
        Files.writeString(root.resolve("top.txt"), "top");
        Files.writeString(root.resolve("sub/mine.txt"), "mine");
        Files.createSymbolicLink(root.resolve("sub/up"), root.resolve("top.txt")); // inside the root, outside the jail
        Files.createSymbolicLink(root.resolve("sub/rel"), Path.of("../top.txt"));
        VirtualFileSystem jail = vfs.jail("/sub");

        assertThat(jail.list("/")).extracting(FileEntry::name).containsExactly("mine.txt", "rel", "up");
        assertThat(jail.stat("/mine.txt").size()).isEqualTo(4);
        assertThatThrownBy(() -> jail.normalize("/", "..")).isInstanceOf(FsException.class);
        assertThatThrownBy(() -> jail.openRead("/up")).isInstanceOf(FsException.class);
        assertThatThrownBy(() -> jail.openRead("/rel")).isInstanceOf(FsException.class);
        assertThat(vfs.jail("/")).isSameAs(vfs);
    }

    @Test
    void aJailIsRefusedWhereItsHomeIsNoDirectoryInsideTheRoot() throws Exception {
        Files.writeString(root.resolve("file"), "x");
        Files.createSymbolicLink(root.resolve("out"), outside);
        assertThatThrownBy(() -> vfs.jail("/file")).isInstanceOf(FsException.class);
        assertThatThrownBy(() -> vfs.jail("/out")).isInstanceOf(FsException.class);
        assertThatThrownBy(() -> vfs.jail("/missing")).isInstanceOf(FsException.class);
    }

    @Test
    void aJailWhoseHomeIsSwappedForALinkFailsClosed() throws Exception {
        Files.createDirectory(root.resolve("home"));
        VirtualFileSystem jail = vfs.jail("/home");
        Files.move(root.resolve("home"), root.resolve("home-old"));
        Files.createSymbolicLink(root.resolve("home"), outside);
        assertThatThrownBy(() -> jail.list("/")).isInstanceOf(FsException.class);
        assertThatThrownBy(() -> jail.openRead("/secret.txt")).isInstanceOf(FsException.class);
    }

    @Test
    void refusesSymlinkPointingOutside() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secret"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../outside"));

        assertThatThrownBy(() -> vfs.list("/out")).isInstanceOf(FsException.class).hasMessage(OUTSIDE);
        assertThatThrownBy(() -> vfs.openRead("/out/secret.txt")).hasMessage(OUTSIDE);
        assertThatThrownBy(() -> vfs.openRead("/secret")).hasMessage(OUTSIDE);
        assertThatThrownBy(() -> vfs.openRead("/rel/secret.txt")).hasMessage(OUTSIDE);
        assertThatThrownBy(() -> vfs.beginUpload("/out/new.txt", 0, null)).hasMessage(OUTSIDE);
        assertThatThrownBy(() -> vfs.beginUpload("/secret", 0, null)).hasMessage(OUTSIDE);
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(outside.resolve("secret.txt")).hasContent("secret");
    }

    @Test
    void refusesDanglingSymlinkLeadingOutsideBecauseAnUploadWouldFollowIt() throws Exception {
        Files.createSymbolicLink(root.resolve("trap"), outside.resolve("created-by-upload"));
        assertThatThrownBy(() -> vfs.beginUpload("/trap", 0, null)).hasMessage(OUTSIDE);
        assertThat(outside.resolve("created-by-upload")).doesNotExist();
    }

    @Test
    void followsSymlinksStayingInsideAbsoluteOrRelative() throws Exception {
        Files.writeString(root.resolve("sub/file.txt"), "hi");
        Files.createSymbolicLink(root.resolve("in"), root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));

        assertThat(read("/in/file.txt")).isEqualTo("hi");
        assertThat(read("/sub/up/sub/up/sub/file.txt")).isEqualTo("hi");
        assertThat(vfs.stat("/in").directory()).isTrue();
        assertThat(vfs.stat("/in").symlink()).isTrue();
        assertThat(vfs.list("/in")).extracting(FileEntry::name).containsExactly("file.txt", "up");
    }

    @Test
    void refusesALinkLoop() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> vfs.openRead("/a")).hasMessageContaining("Too many levels of symbolic links");
    }

    @Test
    void errorsNameTheVirtualPathNeverTheRealOne() {
        String longName = "A".repeat(300);
        assertThatThrownBy(() -> vfs.stat("/sub/" + longName))
                .hasMessage("File name too long: /sub/" + longName);
        assertThatThrownBy(() -> vfs.openRead("/sub/missing\r\n"))
                .hasMessage("No such file or directory: /sub/missing??");
        assertThatThrownBy(() -> vfs.removeDirectory("/sub/nope")).message().doesNotContain(root.toString());
    }

    private String read(String virtual) throws Exception {
        try (var in = java.nio.channels.Channels.newInputStream(vfs.openRead(virtual))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void listSortsByNameAndReadsAttributes() throws Exception {
        Path file = Files.writeString(root.resolve("b.txt"), "12345");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Instant mtime = Instant.parse("2024-03-01T12:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        Files.writeString(root.resolve("a.txt"), "");
        Files.setPosixFilePermissions(root.resolve("sub"), PosixFilePermissions.fromString("rwxr-x---"));

        List<FileEntry> entries = vfs.list("/");

        assertThat(entries).extracting(FileEntry::name).containsExactly("a.txt", "b.txt", "sub");
        FileEntry b = entries.get(1);
        assertThat(b.directory()).isFalse();
        assertThat(b.symlink()).isFalse();
        assertThat(b.size()).isEqualTo(5);
        assertThat(b.modified()).isEqualTo(mtime);
        assertThat(b.unixPermissions()).isEqualTo("rw-r-----");
        FileEntry sub = entries.get(2);
        assertThat(sub.directory()).isTrue();
        assertThat(sub.unixPermissions()).isEqualTo("rwxr-x---");
        assertThat(entries).extracting(FileEntry::unique).doesNotHaveDuplicates().allSatisfy(u -> assertThat(u).isNotBlank());
    }

    @Test
    void uniqueIsStableAndSharedByHardLinks() throws Exception {
        Path file = Files.writeString(root.resolve("f"), "x");
        Files.createLink(root.resolve("hard"), file);
        assertThat(vfs.stat("/f").unique()).isEqualTo(vfs.stat("/f").unique()).isEqualTo(vfs.stat("/hard").unique());
    }

    @Test
    void listDoesNotFollowSymlinksLeadingOutside() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secret"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("missing"));
        Files.createSymbolicLink(root.resolve("in"), root.resolve("sub"));

        List<FileEntry> entries = vfs.list("/");

        assertThat(entries).extracting(FileEntry::name).containsExactly("dangling", "in", "out", "secret", "sub");
        assertThat(entries).allSatisfy(e -> assertThat(e.symlink()).isEqualTo(!e.name().equals("sub")));
        assertThat(entries.get(1).directory()).as("inside link is followed").isTrue();
        assertThat(entries.get(2).directory()).as("outside dir link is not followed").isFalse();
        // The link's own size is the length of its target string, never the secret's 6 bytes.
        assertThat(entries.get(3).size()).isEqualTo(outside.resolve("secret.txt").toString().length());
    }

    @Test
    void statOfRootIsNamedSlash() throws Exception {
        FileEntry entry = vfs.stat("/");
        assertThat(entry.name()).isEqualTo("/");
        assertThat(entry.directory()).isTrue();
    }

    @Test
    void statOfMissingPathFails() {
        assertThatThrownBy(() -> vfs.stat("/missing")).isInstanceOf(FsException.class).hasMessage("No such file or directory: /missing");
    }
}
