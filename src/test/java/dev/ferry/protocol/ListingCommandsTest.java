package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LIST, NLST (RFC 959 §4.1.3), MLSD and MLST (RFC 3659 §7), with raw and Commons Net clients. */
class ListingCommandsTest extends LiveServerTest {
    /** {@code ls -l}: mode, links, owner, group, size, date (recent or with year), name. */
    private static final Pattern LS_LINE = Pattern.compile(
            "([-dlp])[-rwxsStT]{9} +\\d+ +\\S+ +\\S+ +(\\d+) "
                    + "[A-Z][a-z]{2} [ 0-3]\\d (?:[ 0-2]\\d:\\d\\d| \\d{4}) (.+)");
    private static final Instant OLD = Instant.parse("2020-01-02T03:04:05Z");

    /** a.txt (5 bytes), b.log (3), sub/ with x.txt, and the dot-file .hidden. */
    private void standardTree() {
        file("a.txt", "hello");
        file("b.log", "log");
        file("sub/x.txt", "x");
        file(".hidden", "secret");
    }

    private static Map<String, String> namesToLines(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            var m = LS_LINE.matcher(line);
            assertThat(m.matches()).as("ls -l line: '%s'", line).isTrue();
            out.put(m.group(3), line);
        }
        return out;
    }

    // ---- LIST -------------------------------------------------------------------------------

    @Test
    void listShowsEntriesInLsFormatWithoutDotFiles() {
        standardTree();
        DataExchange x = download(loggedIn(), "LIST").succeeded();
        Map<String, String> byName = namesToLines(x.lines());
        assertThat(byName.keySet()).containsExactly("a.txt", "b.log", "sub");
        assertThat(byName.get("a.txt")).startsWith("-").contains(" 5 ");
        assertThat(byName.get("sub")).startsWith("d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIST -a", "LIST -la", "LIST -al", "LIST -A", "LIST -l -a"})
    void listWithAShowsDotFiles(String command) {
        standardTree();
        DataExchange x = download(loggedIn(), command).succeeded();
        assertThat(namesToLines(x.lines()).keySet()).containsExactly(".hidden", "a.txt", "b.log", "sub");
    }

    @Test
    void listWithOnlyLHidesDotFiles() {
        standardTree();
        DataExchange x = download(loggedIn(), "LIST -l").succeeded();
        assertThat(namesToLines(x.lines()).keySet()).containsExactly("a.txt", "b.log", "sub");
    }

    @Test
    void listOfSubdirectoryWithFlags() {
        file("sub/x.txt", "x");
        file("sub/.dot", "d");
        RawFtpClient c = loggedIn();
        assertThat(namesToLines(download(c, "LIST sub").succeeded().lines()).keySet()).containsExactly("x.txt");
        assertThat(namesToLines(download(c, "LIST -la sub").succeeded().lines()).keySet())
                .containsExactly(".dot", "x.txt");
    }

    @Test
    void listOfSingleFile() {
        standardTree();
        List<String> lines = download(loggedIn(), "LIST a.txt").succeeded().lines();
        assertThat(lines).hasSize(1);
        assertThat(namesToLines(lines)).containsOnlyKeys("a.txt");
    }

    @Test
    void listOfEmptyDirectoryIsEmpty() {
        dir("empty");
        assertThat(download(loggedIn(), "LIST empty").succeeded().data()).isEmpty();
    }

    @Test
    void listShowsYearForOldFilesAndModeBits() throws Exception {
        Path f = file("old.txt", "x");
        Files.setLastModifiedTime(f, FileTime.from(OLD));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        List<String> lines = download(loggedIn(), "LIST").succeeded().lines();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l)
                .startsWith("-rw-r----- ").contains(" Jan 02  2020 old.txt"));
    }

    @Test
    void listOfMissingIs550() {
        RawFtpClient c = loggedIn();
        assertThat(download(c, "LIST nowhere").first().code()).isEqualTo(550);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void listWithoutDataConnectionIs425() {
        assertThat(loggedIn().command("LIST").code()).isEqualTo(425);
    }

    @Test
    void commonsNetListFilesParsesTheListing() throws Exception {
        standardTree();
        Files.setLastModifiedTime(home().resolve("b.log"), FileTime.from(OLD));
        FTPFile[] files = ftp().listFiles();
        Map<String, FTPFile> byName = new HashMap<>();
        for (FTPFile f : files) {
            assertThat(f).as("unparsed entry").isNotNull();
            byName.put(f.getName(), f);
        }
        assertThat(byName).containsOnlyKeys("a.txt", "b.log", "sub");
        assertThat(byName.get("a.txt").isFile()).isTrue();
        assertThat(byName.get("a.txt").getSize()).isEqualTo(5);
        assertThat(byName.get("b.log").getSize()).isEqualTo(3);
        assertThat(byName.get("sub").isDirectory()).isTrue();
        Calendar old = byName.get("b.log").getTimestamp();
        old.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        assertThat(old.get(Calendar.YEAR)).isEqualTo(2020);
        assertThat(old.get(Calendar.MONTH)).isEqualTo(Calendar.JANUARY);
        assertThat(old.get(Calendar.DAY_OF_MONTH)).isEqualTo(2);
    }

    @Test
    void commonsNetListHiddenFiles() throws Exception {
        standardTree();
        FTPClient f = ftp();
        f.setListHiddenFiles(true);
        assertThat(Arrays.stream(f.listFiles()).map(FTPFile::getName))
                .containsExactlyInAnyOrder(".hidden", "a.txt", "b.log", "sub");
    }

    @Test
    void commonsNetListFilesOfSubdirectory() throws Exception {
        file("sub/x.txt", "xyz");
        FTPFile[] files = ftp().listFiles("sub");
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getName()).isEqualTo("x.txt");
            assertThat(f.getSize()).isEqualTo(3);
        });
    }

    // ---- NLST -------------------------------------------------------------------------------

    @Test
    void nlstGivesNamesOnly() {
        standardTree();
        assertThat(download(loggedIn(), "NLST").succeeded().lines()).containsExactly("a.txt", "b.log", "sub");
    }

    @Test
    void nlstWithAShowsDotFiles() {
        standardTree();
        assertThat(download(loggedIn(), "NLST -a").succeeded().lines())
                .containsExactly(".hidden", "a.txt", "b.log", "sub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "sub/", "/sub"})
    void nlstOfDirectoryPrefixesNames(String arg) {
        file("sub/x.txt", "x");
        file("sub/y.txt", "y");
        String prefix = arg.endsWith("/") ? arg : arg + "/";
        assertThat(download(loggedIn(), "NLST " + arg).succeeded().lines())
                .containsExactly(prefix + "x.txt", prefix + "y.txt");
    }

    @Test
    void nlstWithWildcard() {
        standardTree();
        file("c.txt", "c");
        file("sub/z.txt", "z");
        RawFtpClient c = loggedIn();
        assertThat(download(c, "NLST *.txt").succeeded().lines()).containsExactly("a.txt", "c.txt");
        assertThat(download(c, "NLST ?.log").succeeded().lines()).containsExactly("b.log");
        assertThat(download(c, "NLST sub/*.txt").succeeded().lines()).containsExactly("sub/x.txt", "sub/z.txt");
        assertThat(download(c, "NLST [ab].*").succeeded().lines()).containsExactly("a.txt", "b.log");
    }

    @ParameterizedTest(name = "NLST {0}")
    @ValueSource(strings = {"[]a]*", "[", "[a", "*[", "[!]", "[^a]*", "[a-", "[z-a]*", "[[]*", "*\\", "[\\]*",
        "[a-c-e]*", "[&&a]*", "[a&&b]*", "[~]*", "**", "?*?", "[[:alpha:]]*", "(*", "*)", "{a,b}*", "$*", "\\Q*"})
    void nlstWithOddWildcardsNeverFailsLocally(String pattern) {
        standardTree();
        file("[x].txt", "literal brackets");
        RawFtpClient c = loggedIn();
        DataExchange x = download(c, "NLST " + pattern);
        // Either a listing (possibly empty) or "no such file"; never 451 (a crash in the matcher).
        assertThat(x.first().code()).as(x.first().all()).isIn(150, 450, 550);
        if (x.first().code() == 150) {
            assertThat(x.last().code()).isEqualTo(226);
        }
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void wildcardCharacterClasses() {
        file("a1.txt", "");
        file("b2.txt", "");
        file("c3.txt", "");
        file("[x].txt", "");
        RawFtpClient c = loggedIn();
        assertThat(download(c, "NLST [ab]*").succeeded().lines()).containsExactly("a1.txt", "b2.txt");
        assertThat(download(c, "NLST [!ab]?.txt").succeeded().lines()).containsExactly("c3.txt");
        assertThat(download(c, "NLST [a-b]*.txt").succeeded().lines()).containsExactly("a1.txt", "b2.txt");
        assertThat(download(c, "NLST *[0-9].txt").succeeded().lines()).containsExactly("a1.txt", "b2.txt", "c3.txt");
        // POSIX bracket rules: a leading ']' is a member; a backward range matches nothing.
        assertThat(download(c, "NLST []a]*").succeeded().lines()).containsExactly("a1.txt");
        assertThat(download(c, "NLST [z-a]*").succeeded().lines()).isEmpty();
        assertThat(download(c, "NLST [[]*").succeeded().lines()).containsExactly("[x].txt");
        // An existing name is taken literally, even when it looks like a pattern.
        assertThat(download(c, "NLST [x].txt").succeeded().lines()).containsExactly("[x].txt");
    }

    @Test
    void wildcardsWithNonAsciiNames() {
        file("\u00e9t\u00e9.txt", "");
        file("\ud83d\ude00 smile.txt", "");
        file("plain.txt", "");
        RawFtpClient c = loggedIn();
        assertThat(download(c, "NLST \u00e9*").succeeded().lines()).containsExactly("\u00e9t\u00e9.txt");
        assertThat(download(c, "NLST \ud83d\ude00*").succeeded().lines()).containsExactly("\ud83d\ude00 smile.txt");
        assertThat(download(c, "NLST ? smile.txt").succeeded().lines()).containsExactly("\ud83d\ude00 smile.txt");
        assertThat(download(c, "NLST [\ud83d\ude00p]*").succeeded().lines())
                .containsExactlyInAnyOrder("\ud83d\ude00 smile.txt", "plain.txt");
    }

    @Test
    void nlstOfFileNamesThatFile() {
        standardTree();
        RawFtpClient c = loggedIn();
        assertThat(download(c, "NLST a.txt").succeeded().lines()).containsExactly("a.txt");
        assertThat(download(c, "NLST sub/x.txt").succeeded().lines()).containsExactly("sub/x.txt");
    }

    @Test
    void nlstOfMissingIs550() {
        assertThat(download(loggedIn(), "NLST missing").first().code()).isEqualTo(550);
    }

    @Test
    void commonsNetListNames() throws Exception {
        standardTree();
        FTPClient f = ftp();
        assertThat(f.listNames()).containsExactly("a.txt", "b.log", "sub");
        assertThat(f.listNames("sub")).containsExactly("sub/x.txt");
    }

    // ---- MLSD -------------------------------------------------------------------------------

    /** "fact=value;...; name" into a map of lower-cased fact names, plus "name". */
    private static Map<String, String> facts(String line) {
        int space = line.indexOf(' ');
        assertThat(space).as("facts then a space then the name: '%s'", line).isPositive();
        String factPart = line.substring(0, space);
        assertThat(factPart).endsWith(";");
        Map<String, String> out = new HashMap<>();
        for (String fact : factPart.split(";")) {
            int eq = fact.indexOf('=');
            assertThat(eq).as("fact '%s'", fact).isPositive();
            out.put(fact.substring(0, eq).toLowerCase(), fact.substring(eq + 1));
        }
        out.put("name", line.substring(space + 1));
        return out;
    }

    @Test
    void mlsdGivesFactsForEveryEntryIncludingDotFiles() throws Exception {
        standardTree();
        Path a = home().resolve("a.txt");
        Files.setLastModifiedTime(a, FileTime.from(OLD));
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-r-----"));
        List<String> lines = download(loggedIn(), "MLSD").succeeded().lines();
        Map<String, Map<String, String>> byName = new HashMap<>();
        for (String line : lines) {
            Map<String, String> f = facts(line);
            byName.put(f.get("name"), f);
        }
        assertThat(byName).containsOnlyKeys(".hidden", "a.txt", "b.log", "sub");
        Map<String, String> file = byName.get("a.txt");
        assertThat(file).containsEntry("type", "file").containsEntry("size", "5")
                .containsEntry("modify", "20200102030405").containsEntry("unix.mode", "0640")
                .containsEntry("perm", "adfrw").containsKey("unique");
        Map<String, String> dir = byName.get("sub");
        assertThat(dir).containsEntry("type", "dir").containsKey("sizd").containsKey("modify")
                .containsEntry("perm", "cdelfmp").containsKey("unix.mode");
        assertThat(byName.values().stream().map(m -> m.get("unique")).distinct()).hasSize(4);
    }

    @Test
    void mlsdOfSubdirectoryGivesBareNames() {
        file("sub/x.txt", "x");
        List<String> lines = download(loggedIn(), "MLSD sub").succeeded().lines();
        assertThat(lines).singleElement().satisfies(l -> assertThat(facts(l)).containsEntry("name", "x.txt"));
    }

    @Test
    void mlsdOnFileIs501() {
        standardTree();
        RawFtpClient c = loggedIn();
        assertThat(download(c, "MLSD a.txt").first().code()).isEqualTo(501);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void mlsdOnMissingIs550() {
        assertThat(download(loggedIn(), "MLSD missing").first().code()).isEqualTo(550);
    }

    @Test
    void commonsNetMlistDir() throws Exception {
        standardTree();
        Files.setLastModifiedTime(home().resolve("a.txt"), FileTime.from(OLD));
        FTPFile[] files = ftp().mlistDir();
        Map<String, FTPFile> byName = new HashMap<>();
        for (FTPFile f : files) {
            assertThat(f).isNotNull();
            byName.put(f.getName(), f);
        }
        assertThat(byName).containsOnlyKeys(".hidden", "a.txt", "b.log", "sub");
        assertThat(byName.get("a.txt").isFile()).isTrue();
        assertThat(byName.get("a.txt").getSize()).isEqualTo(5);
        assertThat(byName.get("a.txt").getTimestampInstant()).isEqualTo(OLD);
        assertThat(byName.get("sub").isDirectory()).isTrue();
        assertThat(byName.get("a.txt").hasPermission(FTPFile.USER_ACCESS, FTPFile.READ_PERMISSION)).isTrue();
    }

    // ---- MLST -------------------------------------------------------------------------------

    @Test
    void mlstOfFile() {
        standardTree();
        RawReply reply = loggedIn().command("MLST a.txt");
        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.lines()).hasSize(3);
        assertThat(reply.lines().getFirst()).startsWith("250-");
        assertThat(reply.lines().getLast()).startsWith("250 ");
        String entry = reply.lines().get(1);
        assertThat(entry).startsWith(" ").doesNotStartWith("  ");
        Map<String, String> f = facts(entry.substring(1));
        assertThat(f).containsEntry("name", "/a.txt").containsEntry("type", "file").containsEntry("size", "5");
    }

    @Test
    void mlstWithoutArgumentDescribesWorkingDirectory() {
        dir("sub");
        RawFtpClient c = loggedIn();
        c.command("CWD sub");
        RawReply reply = c.command("MLST");
        assertThat(reply.code()).isEqualTo(250);
        assertThat(facts(reply.lines().get(1).substring(1))).containsEntry("name", "/sub").containsEntry("type", "dir");
    }

    @Test
    void mlstOfMissingIs550() {
        assertThat(loggedIn().command("MLST missing").code()).isEqualTo(550);
    }

    @Test
    void commonsNetMlistFile() throws Exception {
        Path f = file("doc.txt", "document");
        Files.setLastModifiedTime(f, FileTime.from(OLD));
        FTPFile entry = ftp().mlistFile("doc.txt");
        assertThat(entry).isNotNull();
        assertThat(entry.getName()).endsWith("doc.txt");
        assertThat(entry.isFile()).isTrue();
        assertThat(entry.getSize()).isEqualTo(8);
        assertThat(entry.getTimestampInstant()).isEqualTo(OLD);
    }

    // ---- names ------------------------------------------------------------------------------

    @Test
    void utf8NamesRoundTrip() throws Exception {
        String name = "h\u00e9llo w\u00f6rld \u2713.txt";
        byte[] content = "unicode content".getBytes(StandardCharsets.UTF_8);
        FTPClient f = ftp();
        f.setControlEncoding("UTF-8");
        assertThat(f.storeFile(name, new ByteArrayInputStream(content))).isTrue();
        assertThat(Files.readAllBytes(home().resolve(name))).isEqualTo(content);
        assertThat(f.listNames()).containsExactly(name);
        assertThat(f.listFiles()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo(name);
            assertThat(e.getSize()).isEqualTo(content.length);
        });
        assertThat(f.mlistDir()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo(name));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(f.retrieveFile(name, out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void utf8NamesInRawListingAreUtf8Bytes() {
        file("\u65e5\u672c\u8a9e.txt", "x");
        DataExchange x = download(loggedIn(), "NLST").succeeded();
        assertThat(x.data()).isEqualTo("\u65e5\u672c\u8a9e.txt\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesWithSpaces() throws Exception {
        FTPClient f = ftp();
        String name = "my  file with spaces.txt";
        assertThat(f.storeFile(name, new ByteArrayInputStream("sp".getBytes()))).isTrue();
        assertThat(home().resolve(name)).hasContent("sp");
        assertThat(f.listNames()).containsExactly(name);
        assertThat(f.listFiles()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo(name));
        assertThat(f.mlistDir()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo(name));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(f.retrieveFile(name, out)).isTrue();
        assertThat(out.toString()).isEqualTo("sp");
    }

    @Test
    void fileNamedDashLCanBeListed() {
        file("-l", "dash");
        file("other.txt", "o");
        RawFtpClient c = loggedIn();
        List<String> single = download(c, "LIST ./-l").succeeded().lines();
        assertThat(namesToLines(single)).containsOnlyKeys("-l");
        assertThat(download(c, "NLST ./-l").succeeded().lines()).containsExactly("./-l");
        assertThat(download(c, "NLST").succeeded().lines()).containsExactly("-l", "other.txt");
        assertThat(namesToLines(download(c, "LIST").succeeded().lines()).keySet()).containsExactly("-l", "other.txt");
        RawReply mlst = c.command("MLST -l");
        assertThat(mlst.code()).isEqualTo(250);
        assertThat(mlst.lines().get(1)).endsWith(" /-l");
        assertThat(c.command("SIZE -l").all()).isEqualTo("213 4");
    }

    @Test
    void namesWithLineBreaksAreLeftOutOfEveryListing() {
        // Only a local user can create these; shown, they would forge listing lines or replies.
        file("evil\r\n226 Transfer complete", "x");
        file("nl\nname", "x");
        file("fine.txt", "x");
        RawFtpClient c = loggedIn();
        // STAT first: right after a transfer it can still see the transfer (see statRightAfterATransfer...).
        RawReply stat = c.command("STAT .");
        assertThat(stat.code()).isEqualTo(213);
        assertThat(stat.lines()).hasSize(3);
        assertThat(download(c, "NLST").succeeded().lines()).containsExactly("fine.txt");
        assertThat(namesToLines(download(c, "LIST -a").succeeded().lines()).keySet()).containsExactly("fine.txt");
        assertThat(download(c, "MLSD").succeeded().lines()).singleElement()
                .satisfies(l -> assertThat(l).endsWith("; fine.txt"));
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void statRightAfterATransferListsThePath() {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        for (int i = 0; i < 200; i++) {
            download(c, "NLST").succeeded();
            RawReply stat = c.command("STAT a.txt");
            assertThat(stat.code()).as("iteration %d: %s", i, stat).isEqualTo(213);
        }
    }

    @Test
    void fileNamedLikeAFlagWordIsListedWhenItIsNotPureFlags() {
        file("-x y", "1");
        assertThat(download(loggedIn(), "NLST ./-x y").succeeded().lines()).containsExactly("./-x y");
    }
}
