package dev.ferry.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemoryLayout.PathElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc listing path against the JDK one, entry by entry, on the awkward cases. */
class LinuxDirectoryReaderTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private Optional<LinuxDirectoryReader> reader;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        reader = LinuxDirectoryReader.load();
    }

    private static boolean supportedPlatform() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")
                && Set.of("amd64", "x86_64", "aarch64").contains(arch);
    }

    @Test
    void loadsOnLinuxX86AndArm() {
        assumeTrue(supportedPlatform());
        assertThat(reader).isPresent();
    }

    @Test
    void statLayoutsMatchGlibc() {
        assertThat(LinuxDirectoryReader.STAT_X86_64.byteSize()).isEqualTo(144);
        assertThat(LinuxDirectoryReader.STAT_AARCH64.byteSize()).isEqualTo(128);
        assertThat(offset(LinuxDirectoryReader.STAT_X86_64, "st_mode")).isEqualTo(24);
        assertThat(offset(LinuxDirectoryReader.STAT_AARCH64, "st_mode")).isEqualTo(16);
        assertThat(offset(LinuxDirectoryReader.STAT_X86_64, "st_nlink")).isEqualTo(16);
        assertThat(offset(LinuxDirectoryReader.STAT_AARCH64, "st_nlink")).isEqualTo(20);
        assertThat(offset(LinuxDirectoryReader.STAT_X86_64, "st_uid")).isEqualTo(28);
        assertThat(offset(LinuxDirectoryReader.STAT_AARCH64, "st_uid")).isEqualTo(24);
        for (var layout : List.of(LinuxDirectoryReader.STAT_X86_64, LinuxDirectoryReader.STAT_AARCH64)) {
            assertThat(offset(layout, "st_size")).isEqualTo(48);
            assertThat(offset(layout, "st_mtime")).isEqualTo(88);
            assertThat(offset(layout, "st_mtime_nsec")).isEqualTo(96);
        }
    }

    private static long offset(java.lang.foreign.StructLayout layout, String field) {
        return layout.byteOffset(PathElement.groupElement(field));
    }

    @Test
    void mixedDirectoryListsExactlyAsTheJdkDoes() throws Exception {
        assumeTrue(reader.isPresent());
        Path dir = Files.createDirectory(root.resolve("mixed"));
        Path small = Files.writeString(dir.resolve("small.txt"), "hello");
        Files.setLastModifiedTime(small, FileTime.from(Instant.parse("2020-01-02T03:04:05.123456789Z")));
        Path script = Files.write(dir.resolve("run.sh"), new byte[70_000]);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createLink(dir.resolve("hard.txt"), small);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.createDirectory(sub.resolve("inner"));
        Files.writeString(dir.resolve(".hidden"), "x");
        Files.writeString(dir.resolve("ünïcödé ✓.txt"), "utf");
        Files.writeString(outside.resolve("secret.txt"), "no");
        Files.createSymbolicLink(dir.resolve("to-small"), small);
        Files.createSymbolicLink(dir.resolve("to-sub"), Path.of("sub"));
        Files.createSymbolicLink(dir.resolve("to-outside"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nothing-here"));
        boolean fifo = run(dir, "mkfifo", "pipe");

        List<FileEntry> fast = sorted(fs(SymlinkPolicy.INSIDE_ROOT, reader).list(VirtualPath.ROOT.resolve("mixed")));
        List<FileEntry> jdk = sorted(fs(SymlinkPolicy.INSIDE_ROOT, Optional.empty()).list(VirtualPath.ROOT.resolve("mixed")));

        assertSameEntries(fast, jdk);
        Set<String> expected = new java.util.TreeSet<>(Set.of(".hidden", "hard.txt", "run.sh", "small.txt", "sub",
                "to-small", "to-sub", "ünïcödé ✓.txt"));
        if (fifo) {
            expected.add("pipe");
        }
        assertThat(names(fast)).containsExactlyElementsOf(expected);
        FileEntry smallEntry = byName(fast, "small.txt");
        assertThat(smallEntry.size()).isEqualTo(5);
        assertThat(smallEntry.links()).isEqualTo(2);
        assertThat(smallEntry.kind()).isEqualTo(FileKind.FILE);
        assertThat(smallEntry.modified()).isEqualTo(Instant.parse("2020-01-02T03:04:05.123456789Z"));
        assertThat(byName(fast, "run.sh").mode()).isEqualTo(0750);
        assertThat(byName(fast, "run.sh").size()).isEqualTo(70_000);
        assertThat(byName(fast, "sub").kind()).isEqualTo(FileKind.DIRECTORY);
        assertThat(byName(fast, "to-sub").kind()).isEqualTo(FileKind.DIRECTORY);
        assertThat(byName(fast, "to-small").unique()).isEqualTo(smallEntry.unique());
        if (fifo) {
            assertThat(byName(fast, "pipe").kind()).isEqualTo(FileKind.OTHER);
        }
    }

    @Test
    void linksOutsideTheRootAreListedWhenAllowed() throws Exception {
        assumeTrue(reader.isPresent());
        Files.writeString(outside.resolve("shared.txt"), "shared");
        Files.createSymbolicLink(root.resolve("shared"), outside.resolve("shared.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("gone"));
        Files.writeString(root.resolve("own.txt"), "own");

        List<FileEntry> fast = sorted(fs(SymlinkPolicy.ANYWHERE, reader).list(VirtualPath.ROOT));
        List<FileEntry> jdk = sorted(fs(SymlinkPolicy.ANYWHERE, Optional.empty()).list(VirtualPath.ROOT));

        assertSameEntries(fast, jdk);
        assertThat(names(fast)).containsExactly("own.txt", "shared");
        assertThat(byName(fast, "shared").size()).isEqualTo(6);
    }

    @Test
    void largeDirectorySplitAcrossThreadsMatchesTheJdk() throws Exception {
        assumeTrue(reader.isPresent());
        Path dir = Files.createDirectory(root.resolve("large"));
        for (int i = 0; i < 2_500; i++) {
            Files.write(dir.resolve(String.format("e%05d", i)), new byte[i % 7]);
        }

        List<FileEntry> fast = sorted(fs(SymlinkPolicy.INSIDE_ROOT, reader).list(VirtualPath.ROOT.resolve("large")));
        List<FileEntry> jdk = sorted(fs(SymlinkPolicy.INSIDE_ROOT, Optional.empty()).list(VirtualPath.ROOT.resolve("large")));

        assertThat(fast).hasSize(2_500);
        assertSameEntries(fast, jdk);
        assertThat(fast.get(2_499).name()).isEqualTo("e02499");
        assertThat(fast.get(2_499).size()).isEqualTo(2_499 % 7);
    }

    @Test
    void entryRemovedBetweenReadAndStatIsSkipped() throws Exception {
        assumeTrue(reader.isPresent());
        for (String name : List.of("a", "b", "c")) {
            Files.writeString(root.resolve(name), name);
        }
        List<String> seen = new java.util.ArrayList<>();

        List<String> made = reader.get().list(root, (name, stat) -> name + "=" + stat.size(), () -> {
            try {
                Files.delete(root.resolve("b"));
                seen.add("deleted");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElseThrow();

        assertThat(seen).containsExactly("deleted");
        assertThat(made).containsExactlyInAnyOrder("a=1", "c=1");
    }

    @Test
    void largeDirectoryKeepsReadOrderAndLeavesOutNulls() throws Exception {
        assumeTrue(reader.isPresent());
        for (int i = 0; i < 3_000; i++) {
            Files.writeString(root.resolve("n" + i), "");
        }
        List<String> order = new java.util.ArrayList<>();
        try (var stream = Files.newDirectoryStream(root)) {
            stream.forEach(p -> order.add(p.getFileName().toString()));
        }

        List<String> made = reader.get().list(root, (name, stat) -> name.endsWith("7") ? null : name).orElseThrow();

        assertThat(made).hasSize(2_700)
                .containsExactlyElementsOf(order.stream().filter(n -> !n.endsWith("7")).toList());
    }

    @Test
    void makerFailureReachesTheCaller() throws Exception {
        assumeTrue(reader.isPresent());
        for (int i = 0; i < 3_000; i++) {
            Files.writeString(root.resolve("n" + i), "");
        }

        assertThatThrownBy(() -> reader.get().list(root, (name, stat) -> {
            if (name.equals("n2999")) {
                throw new IllegalStateException("maker broke on " + name);
            }
            return name;
        })).isInstanceOf(IllegalStateException.class).hasMessage("maker broke on n2999");
    }

    @Test
    void listsEveryNameButDots() throws Exception {
        assumeTrue(reader.isPresent());
        Files.writeString(root.resolve("one"), "1");
        Files.createDirectory(root.resolve("two"));

        assertThat(reader.get().list(root, (name, stat) -> name).orElseThrow()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void missingDirectoryIsLeftToTheJdk() {
        assumeTrue(reader.isPresent());
        assertThat(reader.get().list(root.resolve("absent"), (name, stat) -> name)).isEmpty();
        assertThat(reader.get().list(outside.resolve("absent"), (name, stat) -> name)).isEmpty();
    }

    @Test
    void undecodableNameSendsTheDirectoryThroughTheJdk() throws Exception {
        assumeTrue(reader.isPresent());
        assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")));
        Path dir = Files.createDirectory(root.resolve("bytes"));
        Files.writeString(dir.resolve("plain"), "p");
        // A name that is not UTF-8 can only be made below the JDK: printf writes the raw byte.
        assumeTrue(run(dir, "sh", "-c", "touch \"$(printf 'bad\\377name')\""));
        try (var listing = Files.list(dir)) {
            assumeTrue(listing.count() == 2);
        }

        assertThat(reader.get().list(dir, (name, stat) -> name)).isEmpty();
        List<FileEntry> listed = sorted(fs(SymlinkPolicy.INSIDE_ROOT, reader).list(VirtualPath.ROOT.resolve("bytes")));
        List<FileEntry> jdk = sorted(fs(SymlinkPolicy.INSIDE_ROOT, Optional.empty()).list(VirtualPath.ROOT.resolve("bytes")));
        assertSameEntries(listed, jdk);
        assertThat(names(listed)).containsExactly("bad\uFFFDname", "plain");
    }

    private LocalFileSystem fs(SymlinkPolicy links, Optional<LinuxDirectoryReader> with) throws IOException {
        return LocalFileSystem.open(root, links, with);
    }

    private static void assertSameEntries(List<FileEntry> actual, List<FileEntry> expected) {
        assertThat(names(actual)).containsExactlyElementsOf(names(expected));
        for (int i = 0; i < expected.size(); i++) {
            FileEntry a = actual.get(i);
            FileEntry e = expected.get(i);
            String what = e.name();
            assertThat(a.kind()).as(what).isEqualTo(e.kind());
            assertThat(a.size()).as(what).isEqualTo(e.size());
            assertThat(a.modified().getEpochSecond()).as(what).isEqualTo(e.modified().getEpochSecond());
            assertThat(a.mode()).as(what).isEqualTo(e.mode());
            assertThat(a.links()).as(what).isEqualTo(e.links());
            assertThat(a.owner()).as(what).isEqualTo(e.owner());
            assertThat(a.group()).as(what).isEqualTo(e.group());
            assertThat(a.unique()).as(what).isEqualTo(e.unique());
            assertThat(a).as(what).isEqualTo(e);
        }
    }

    private static List<FileEntry> sorted(List<FileEntry> entries) {
        return entries.stream().sorted(Comparator.comparing(FileEntry::name)).toList();
    }

    private static List<String> names(List<FileEntry> entries) {
        return entries.stream().map(FileEntry::name).collect(Collectors.toList());
    }

    private static FileEntry byName(List<FileEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    /** Runs a host command in a directory; false when it is missing or fails. */
    private static boolean run(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
