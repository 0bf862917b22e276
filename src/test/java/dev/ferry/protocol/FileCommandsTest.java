package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Commands that act on one file or directory: MKD, RMD, DELE, RNFR/RNTO, SIZE, MDTM, MFMT, AVBL,
 * SITE, and STOU. Every success is checked on disk, every refusal for leaving the disk alone.
 */
class FileCommandsTest extends LiveServerTest {

    // ---- MKD / XMKD -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"MKD", "XMKD"})
    void mkdCreatesAndAnswers257WithThePath(String verb) {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command(verb + " newdir");
        assertThat(reply.code()).isEqualTo(257);
        assertThat(NavigationCommandsTest.quotedPath(reply)).isEqualTo("/newdir");
        assertThat(home().resolve("newdir")).isDirectory();
    }

    @Test
    void mkdRelativeToWorkingDirectoryGivesAbsolutePath() {
        dir("parent");
        RawFtpClient c = loggedIn();
        c.command("CWD parent");
        RawReply reply = c.command("MKD child");
        assertThat(reply.code()).isEqualTo(257);
        assertThat(NavigationCommandsTest.quotedPath(reply)).isEqualTo("/parent/child");
        assertThat(home().resolve("parent/child")).isDirectory();
    }

    @Test
    void mkdQuotesDoubleQuotes() {
        RawReply reply = loggedIn().command("MKD a\"b");
        assertThat(reply.code()).isEqualTo(257);
        assertThat(reply.text()).startsWith("\"/a\"\"b\"");
        assertThat(home().resolve("a\"b")).isDirectory();
    }

    @Test
    void mkdExistingIs550() {
        dir("there");
        file("file.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("MKD there").code()).isEqualTo(550);
        assertThat(c.command("MKD file.txt").code()).isEqualTo(550);
        assertThat(home().resolve("file.txt")).isRegularFile();
    }

    @Test
    void mkdWithMissingParentIs550() {
        assertThat(loggedIn().command("MKD no/such/parent").code()).isEqualTo(550);
        assertThat(home().resolve("no")).doesNotExist();
    }

    @Test
    void mkdOfRootIs550() {
        assertThat(loggedIn().command("MKD /").code()).isEqualTo(550);
    }

    // ---- RMD / XRMD -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"RMD", "XRMD"})
    void rmdRemovesEmptyDirectory(String verb) {
        dir("empty");
        assertThat(loggedIn().command(verb + " empty").code()).isEqualTo(250);
        assertThat(home().resolve("empty")).doesNotExist();
    }

    @Test
    void rmdOfNonEmptyDirectoryIs550() {
        file("full/inside.txt", "x");
        assertThat(loggedIn().command("RMD full").code()).isEqualTo(550);
        assertThat(home().resolve("full/inside.txt")).exists();
    }

    @Test
    void rmdOfRootIs550() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("RMD /").code()).isEqualTo(550);
        assertThat(c.command("XRMD ..").code()).isEqualTo(550);
        assertThat(home()).isDirectory();
    }

    @Test
    void rmdOfFileOrMissingIs550() {
        file("f.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RMD f.txt").code()).isEqualTo(550);
        assertThat(c.command("RMD missing").code()).isEqualTo(550);
        assertThat(home().resolve("f.txt")).isRegularFile();
    }

    @Test
    void rmdOfWorkingDirectoryWorksAndLaterCommandsFail() {
        dir("cur");
        RawFtpClient c = loggedIn();
        c.command("CWD cur");
        assertThat(c.command("RMD /cur").code()).isEqualTo(250);
        assertThat(c.command("MKD x").code()).isEqualTo(550);
        assertThat(home().resolve("cur")).doesNotExist();
    }

    // ---- DELE -------------------------------------------------------------------------------

    @Test
    void deleRemovesFile() {
        file("sub/victim.txt", "bye");
        RawFtpClient c = loggedIn();
        assertThat(c.command("DELE sub/victim.txt").code()).isEqualTo(250);
        assertThat(home().resolve("sub/victim.txt")).doesNotExist();
        assertThat(home().resolve("sub")).isDirectory();
    }

    @Test
    void deleOfDirectoryIs550() {
        dir("keep");
        assertThat(loggedIn().command("DELE keep").code()).isEqualTo(550);
        assertThat(home().resolve("keep")).isDirectory();
    }

    @Test
    void deleOfMissingIs550() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("DELE missing.txt").code()).isEqualTo(550);
        assertThat(c.command("DELE /").code()).isEqualTo(550);
    }

    @Test
    void commonsNetDeleteFile() throws Exception {
        file("cn.txt", "x");
        FTPClient f = ftp();
        assertThat(f.deleteFile("cn.txt")).isTrue();
        assertThat(f.deleteFile("cn.txt")).isFalse();
        assertThat(home().resolve("cn.txt")).doesNotExist();
    }

    // ---- RNFR / RNTO ------------------------------------------------------------------------

    @Test
    void renameFile() throws Exception {
        file("old.txt", "content");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR old.txt").code()).isEqualTo(350);
        assertThat(c.command("RNTO new.txt").code()).isEqualTo(250);
        assertThat(home().resolve("old.txt")).doesNotExist();
        assertThat(Files.readString(home().resolve("new.txt"))).isEqualTo("content");
    }

    @Test
    void renameMovesIntoAnotherDirectory() throws Exception {
        file("a.txt", "moved");
        dir("target");
        FTPClient f = ftp();
        assertThat(f.rename("a.txt", "/target/b.txt")).isTrue();
        assertThat(Files.readString(home().resolve("target/b.txt"))).isEqualTo("moved");
        assertThat(home().resolve("a.txt")).doesNotExist();
    }

    @Test
    void renameDirectory() {
        file("d1/x.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR d1").code()).isEqualTo(350);
        assertThat(c.command("RNTO d2").code()).isEqualTo(250);
        assertThat(home().resolve("d2/x.txt")).isRegularFile();
        assertThat(home().resolve("d1")).doesNotExist();
    }

    @Test
    void renameDirectoryIntoItselfIs550() {
        dir("outer");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR outer").code()).isEqualTo(350);
        assertThat(c.command("RNTO outer/inner").code()).isEqualTo(550);
        assertThat(home().resolve("outer")).isDirectory();
    }

    @Test
    void renameOntoExistingDirectoryIs550() {
        file("f.txt", "x");
        dir("d");
        RawFtpClient c = loggedIn();
        c.command("RNFR f.txt");
        assertThat(c.command("RNTO d").code()).isEqualTo(550);
        assertThat(home().resolve("f.txt")).isRegularFile();
    }

    @Test
    void rnfrOfMissingIs550AndRntoThenIs503() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR missing.txt").code()).isEqualTo(550);
        assertThat(c.command("RNTO other.txt").code()).isEqualTo(503);
    }

    @Test
    void failedRnfrCancelsAnEarlierOne() {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR a.txt").code()).isEqualTo(350);
        assertThat(c.command("RNFR missing.txt").code()).isEqualTo(550);
        // RNTO must follow a successful RNFR at once; the last RNFR failed.
        assertThat(c.command("RNTO b.txt").code()).isEqualTo(503);
        assertThat(home().resolve("a.txt")).isRegularFile();
        assertThat(home().resolve("b.txt")).doesNotExist();
    }

    @Test
    void rnfrOfRootIs550() {
        assertThat(loggedIn().command("RNFR /").code()).isEqualTo(550);
    }

    @Test
    void rntoWithoutRnfrIs503() {
        file("a.txt", "a");
        assertThat(loggedIn().command("RNTO b.txt").code()).isEqualTo(503);
        assertThat(home().resolve("b.txt")).doesNotExist();
    }

    @ParameterizedTest(name = "RNFR, {0}, RNTO")
    @ValueSource(strings = {"NOOP", "PWD", "SYST", "TYPE I", "RNTO", "XYZZY", "SIZE a.txt"})
    void rntoMustFollowRnfrImmediately(String between) {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR a.txt").code()).isEqualTo(350);
        c.command(between);
        assertThat(c.command("RNTO b.txt").code()).isEqualTo(503);
        assertThat(home().resolve("a.txt")).isRegularFile();
        assertThat(home().resolve("b.txt")).doesNotExist();
    }

    @Test
    void secondRnfrReplacesTheFirst() throws Exception {
        file("a.txt", "a");
        file("b.txt", "b");
        RawFtpClient c = loggedIn();
        c.command("RNFR a.txt");
        c.command("RNFR b.txt");
        assertThat(c.command("RNTO c.txt").code()).isEqualTo(250);
        assertThat(Files.readString(home().resolve("c.txt"))).isEqualTo("b");
        assertThat(home().resolve("a.txt")).isRegularFile();
    }

    @Test
    void rntoIsConsumedByOneRename() {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        c.command("RNFR a.txt");
        assertThat(c.command("RNTO b.txt").code()).isEqualTo(250);
        assertThat(c.command("RNTO c.txt").code()).isEqualTo(503);
    }

    // ---- SIZE -------------------------------------------------------------------------------

    @Test
    void sizeGivesExactByteCount() {
        file("s.bin", new byte[12345]);
        file("empty.txt", "");
        RawFtpClient c = loggedIn();
        assertThat(c.command("TYPE I").code()).isEqualTo(200);
        assertThat(c.command("SIZE s.bin").all()).isEqualTo("213 12345");
        assertThat(c.command("SIZE /empty.txt").all()).isEqualTo("213 0");
    }

    @Test
    void sizeOfDirectoryOrMissingIs550() {
        dir("d");
        RawFtpClient c = loggedIn();
        assertThat(c.command("SIZE d").code()).isEqualTo(550);
        assertThat(c.command("SIZE missing").code()).isEqualTo(550);
    }

    @Test
    void commonsNetSize() throws Exception {
        file("sz.txt", "0123456789");
        assertThat(ftp().getSize("sz.txt")).isEqualTo("10");
    }

    // ---- MDTM / MFMT ------------------------------------------------------------------------

    @Test
    void mdtmGivesModificationTimeInUtc() throws Exception {
        Path f = file("t.txt", "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2020-03-04T05:06:07Z")));
        assertThat(loggedIn().command("MDTM t.txt").all()).isEqualTo("213 20200304050607");
    }

    @Test
    void mdtmMatchesDiskTimeOfFreshFile() throws Exception {
        Path f = file("now.txt", "x");
        Instant onDisk = Files.getLastModifiedTime(f).toInstant();
        RawReply reply = loggedIn().command("MDTM now.txt");
        assertThat(reply.code()).isEqualTo(213);
        assertThat(Instant.from(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(java.time.ZoneOffset.UTC).parse(reply.text())))
                .isEqualTo(onDisk.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void commonsNetModificationTime() throws Exception {
        Path f = file("cn.txt", "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2019-12-31T23:59:58Z")));
        FTPClient ftp = ftp();
        assertThat(ftp.getModificationTime("cn.txt")).isEqualTo("20191231235958");
        assertThat(ftp.mdtmInstant("cn.txt")).isEqualTo(Instant.parse("2019-12-31T23:59:58Z"));
    }

    @Test
    void mdtmOfDirectoryOrMissingIs550() {
        dir("d");
        RawFtpClient c = loggedIn();
        assertThat(c.command("MDTM d").code()).isEqualTo(550);
        assertThat(c.command("MDTM missing").code()).isEqualTo(550);
    }

    @Test
    void mfmtSetsModificationTime() throws Exception {
        Path f = file("m.txt", "x");
        RawReply reply = loggedIn().command("MFMT 20210102030405 m.txt");
        assertThat(reply.all()).isEqualTo("213 Modify=20210102030405; m.txt");
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2021-01-02T03:04:05Z"));
    }

    @Test
    void mfmtOnDirectoryAndNameWithSpaces() throws Exception {
        Path d = dir("my dir");
        RawReply reply = loggedIn().command("MFMT 19991231235959 my dir");
        assertThat(reply.all()).isEqualTo("213 Modify=19991231235959; my dir");
        assertThat(Files.getLastModifiedTime(d).toInstant()).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
    }

    @Test
    void commonsNetSetModificationTime() throws Exception {
        Path f = file("cn.txt", "x");
        assertThat(ftp().setModificationTime("cn.txt", "20220304050607")).isTrue();
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2022-03-04T05:06:07Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MFMT m.txt", "MFMT 2021010203 m.txt", "MFMT 20211302030405 m.txt",
        "MFMT 20210102030405", "MFMT 20210102030405 ", "MFMT yesterday m.txt",
        // RFC 3659 §2.3 ranges: no rolling of Feb 30 into March, or 24:00 into the next day.
        "MFMT 20210230000000 m.txt", "MFMT 20210431000000 m.txt", "MFMT 20211231240000 m.txt",
        "MFMT 20211231236000 m.txt", "MFMT 20211231235961 m.txt", "MFMT 09990101000000 m.txt",
        "MFMT 20210102030405. m.txt"})
    void mfmtWithBadSyntaxIs501(String line) throws Exception {
        Path f = file("m.txt", "x");
        FileTime before = Files.getLastModifiedTime(f);
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(before);
    }

    @Test
    void mfmtAcceptsFractionAndLeapSecond() throws Exception {
        Path f = file("m.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("MFMT 20210102030405.5 m.txt").code()).isEqualTo(213);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2021-01-02T03:04:05.5Z"));
        // §2.3 allows second 60 at a leap second; it lands on the following second.
        assertThat(c.command("MFMT 20161231235960 m.txt").code()).isEqualTo(213);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
    }

    @Test
    void mfmtOfMissingIs550() {
        assertThat(loggedIn().command("MFMT 20210102030405 missing.txt").code()).isEqualTo(550);
        assertThat(home().resolve("missing.txt")).doesNotExist();
    }

    @Test
    void mdtmTwoArgumentFormSetsTime() throws Exception {
        Path f = file("old.txt", "x");
        RawFtpClient c = loggedIn();
        RawReply reply = c.command("MDTM 20180102030405 old.txt");
        assertThat(reply.code()).isEqualTo(213);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2018-01-02T03:04:05Z"));
        assertThat(c.command("MDTM old.txt").all()).isEqualTo("213 20180102030405");
    }

    @Test
    void mdtmOfFileNamedLikeTheSetFormReadsIt() throws Exception {
        // A file literally named "20180102030405 x" is asked about, not touched.
        Path f = file("20180102030405 x", "x");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        assertThat(loggedIn().command("MDTM 20180102030405 x").all()).isEqualTo("213 20010203040506");
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(Instant.parse("2001-02-03T04:05:06Z"));
    }

    // ---- AVBL / ALLO ------------------------------------------------------------------------

    @Test
    void avblGivesFreeBytes() {
        dir("d");
        RawFtpClient c = loggedIn();
        RawReply reply = c.command("AVBL");
        assertThat(reply.code()).isEqualTo(213);
        assertThat(Long.parseLong(reply.text())).isPositive();
        RawReply inDir = c.command("AVBL d");
        assertThat(inDir.code()).isEqualTo(213);
        assertThat(Long.parseLong(inDir.text())).isPositive();
    }

    @Test
    void avblOfFileOrMissingIs550() {
        file("f.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("AVBL f.txt").code()).isEqualTo(550);
        assertThat(c.command("AVBL missing").code()).isEqualTo(550);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALLO 1000", "ALLO 0", "ALLO 1000 R 100", "ALLO 1000 r 100"})
    void alloIsSuperfluous(String line) {
        assertThat(loggedIn().command(line).code()).isEqualTo(202);
    }

    @Test
    void alloBeyondFreeSpaceIs552() {
        assertThat(loggedIn().command("ALLO 999999999999999999").code()).isEqualTo(552);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALLO lots", "ALLO -5", "ALLO 10 X 5", "ALLO 99999999999999999999"})
    void alloWithBadSyntaxIs501(String line) {
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
    }

    // ---- SITE -------------------------------------------------------------------------------

    @Test
    void siteHelpListsSubcommands() {
        RawReply reply = loggedIn().command("SITE HELP");
        assertThat(reply.code()).isEqualTo(214);
        assertThat(reply.all()).contains("CHMOD").contains("HELP");
        assertThat(reply.lines().getLast()).startsWith("214 ");
    }

    @Test
    void siteChmodChangesModeOnDisk() throws Exception {
        Path f = file("perm.txt", "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(loggedIn().command("SITE CHMOD 640 perm.txt").code()).isEqualTo(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    }

    @Test
    void siteChmodIsCaseInsensitiveAndTakesLeadingZero() throws Exception {
        Path d = dir("dir");
        assertThat(loggedIn().command("site chmod 0750 dir").code()).isEqualTo(200);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwxr-x---");
    }

    @Test
    void commonsNetSendSiteCommand() throws Exception {
        Path f = file("cn.txt", "x");
        assertThat(ftp().sendSiteCommand("CHMOD 600 cn.txt")).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4755", "2755", "1777"})
    void siteChmodSpecialBitsIs504(String mode) throws Exception {
        Path f = file("perm.txt", "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(loggedIn().command("SITE CHMOD " + mode + " perm.txt").code()).isEqualTo(504);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SITE CHMOD", "SITE CHMOD 644", "SITE CHMOD 999 perm.txt", "SITE CHMOD rwx perm.txt",
        "SITE CHMOD 77777 perm.txt"})
    void siteChmodWithBadSyntaxIs501(String line) {
        file("perm.txt", "x");
        assertThat(loggedIn().command(line).code()).isEqualTo(501);
    }

    @Test
    void siteChmodOfMissingIs550() {
        assertThat(loggedIn().command("SITE CHMOD 644 missing.txt").code()).isEqualTo(550);
    }

    @Test
    void unknownSiteCommandIs502() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("SITE NOPE").code()).isEqualTo(502);
        assertThat(c.command("SITE EXEC /bin/sh").code()).isEqualTo(502);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    // ---- STOU -------------------------------------------------------------------------------

    @Test
    void stouCreatesAUniqueFile() throws Exception {
        file("existing.txt", "keep");
        RawFtpClient c = loggedIn();
        assertThat(c.command("TYPE I").code()).isEqualTo(200);
        byte[] payload = "unique content\r\n\u00ff".getBytes(StandardCharsets.UTF_8);
        DataExchange x = upload(c, "STOU", payload).succeeded();
        assertThat(x.first().text()).startsWith("FILE: ");
        String name = x.first().text().substring("FILE: ".length()).trim();
        assertThat(name).isNotEmpty().doesNotContain("/").isNotEqualTo("existing.txt");
        assertThat(Files.readAllBytes(home().resolve(name))).isEqualTo(payload);
        assertThat(Files.readString(home().resolve("existing.txt"))).isEqualTo("keep");
    }

    @Test
    void stouTwiceGivesTwoFiles() throws Exception {
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        String first = upload(c, "STOU", "one".getBytes()).succeeded().first().text().substring(6).trim();
        String second = upload(c, "STOU", "two".getBytes()).succeeded().first().text().substring(6).trim();
        assertThat(first).isNotEqualTo(second);
        assertThat(Files.readString(home().resolve(first))).isEqualTo("one");
        assertThat(Files.readString(home().resolve(second))).isEqualTo("two");
    }

    @Test
    void stouWithPrefixInSubdirectory() throws Exception {
        dir("up");
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        c.command("CWD up");
        DataExchange x = upload(c, "STOU report", "r".getBytes()).succeeded();
        String name = x.first().text().substring(6).trim();
        assertThat(name).startsWith("report");
        assertThat(Files.readString(home().resolve("up").resolve(name))).isEqualTo("r");
    }

    @Test
    void commonsNetStoreUniqueFile() throws Exception {
        FTPClient f = ftp();
        assertThat(f.storeUniqueFile(new java.io.ByteArrayInputStream("via commons".getBytes()))).isTrue();
        try (var files = Files.list(home())) {
            assertThat(files.toList()).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).isEqualTo("via commons"));
        }
    }

    @Test
    void stouWithoutDataConnectionIs425() {
        assertThat(loggedIn().command("STOU").code()).isEqualTo(425);
    }
}
