package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Commands that report or set session state: SYST, NOOP, CLNT, OPTS, STAT, TYPE, MODE, STRU;
 * and how the control connection reads lines (pipelining, Telnet IAC, bare LF).
 */
class InfoCommandsTest extends LiveServerTest {

    // ---- SYST / NOOP / CLNT -----------------------------------------------------------------

    @Test
    void systIsUnixL8() {
        RawFtpClient c = raw();
        assertThat(c.command("SYST").all()).isEqualTo("215 UNIX Type: L8");
        c.login();
        assertThat(c.command("SYST").all()).isEqualTo("215 UNIX Type: L8");
    }

    @Test
    void commonsNetSystemType() throws Exception {
        assertThat(ftp().getSystemType()).isEqualTo("UNIX Type: L8");
    }

    @Test
    void noopIs200BeforeAndAfterLogin() {
        RawFtpClient c = raw();
        assertThat(c.command("NOOP").code()).isEqualTo(200);
        c.login();
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void clntIsNotedAndShownByStat() {
        RawFtpClient c = raw();
        assertThat(c.command("CLNT Test Client 1.0").code()).isEqualTo(200);
        c.login();
        assertThat(c.command("STAT").all()).contains("Test Client 1.0");
    }

    // ---- OPTS -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"OPTS UTF8 ON", "OPTS UTF8 OFF", "OPTS utf8 on", "OPTS UTF8", "OPTS UTF-8 ON"})
    void optsUtf8Accepted(String line) {
        // RFC 2640 §3.1 / FEAT advertises UTF8, so the common client probe must succeed.
        assertThat(raw().command(line).code()).isEqualTo(200);
    }

    @Test
    void commonsNetOptsUtf8() throws Exception {
        FTPClient f = server.client();
        try {
            assertThat(f.sendCommand("OPTS", "UTF8 ON")).isEqualTo(200);
        } finally {
            f.disconnect();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OPTS BOGUS", "OPTS UTF8 MAYBE", "OPTS MODE Z LEVEL 9"})
    void unknownOptionIs501(String line) {
        RawFtpClient c = raw();
        assertThat(c.command(line).code()).isEqualTo(501);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void optsMlstSelectsFacts() {
        Path f = file("f.txt", "12345");
        RawFtpClient c = loggedIn();
        RawReply opts = c.command("OPTS MLST type;size;");
        assertThat(opts.code()).isEqualTo(200);
        assertThat(opts.text()).isEqualTo("MLST OPTS type;size;");
        RawReply mlst = c.command("MLST f.txt");
        assertThat(mlst.code()).isEqualTo(250);
        assertThat(mlst.lines().get(1)).isEqualTo(" type=file;size=5; /f.txt");
        assertThat(c.command("FEAT").lines())
                .contains(" MLST type*;size*;modify;perm;unique;unix.mode;");
        assertThat(f).exists();
    }

    @Test
    void optsMlstIgnoresUnknownFactsAndCase() {
        file("f.txt", "12345");
        RawFtpClient c = loggedIn();
        RawReply opts = c.command("OPTS MLST Size;bogus;TYPE;");
        assertThat(opts.code()).isEqualTo(200);
        // The server's order, whatever the client's (RFC 3659 §7.9 lets the server choose).
        assertThat(opts.text()).isEqualTo("MLST OPTS type;size;");
        assertThat(c.command("MLST f.txt").lines().get(1)).isEqualTo(" type=file;size=5; /f.txt");
    }

    @Test
    void optsMlstWithNoFactsShowsOnlyThePath() {
        file("f.txt", "12345");
        RawFtpClient c = loggedIn();
        assertThat(c.command("OPTS MLST").code()).isEqualTo(200);
        // RFC 3659 §7.2: entry = [facts] SP pathname, and the line starts with SP.
        assertThat(c.command("MLST f.txt").lines().get(1)).isEqualTo("  /f.txt");
        assertThat(c.command("FEAT").lines()).contains(" MLST type;size;modify;perm;unique;unix.mode;");
    }

    @Test
    void optsMlstAppliesToMlsd() {
        file("f.txt", "12345");
        dir("d");
        RawFtpClient c = loggedIn();
        assertThat(c.command("OPTS MLST type;").code()).isEqualTo(200);
        assertThat(download(c, "MLSD").succeeded().lines()).containsExactly("type=dir; d", "type=file; f.txt");
    }

    @Test
    void reinRestoresDefaultFacts() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("OPTS MLST size;").code()).isEqualTo(200);
        assertThat(c.command("REIN").code()).isEqualTo(220);
        c.login();
        assertThat(c.command("FEAT").lines()).contains(" MLST type*;size*;modify*;perm*;unique*;unix.mode*;");
    }

    @Test
    void featStarsAllFactsByDefault() {
        assertThat(loggedIn().command("FEAT").lines())
                .contains(" MLST type*;size*;modify*;perm*;unique*;unix.mode*;");
    }

    // ---- STAT -------------------------------------------------------------------------------

    @Test
    void statWithoutArgumentIsMultiLine211() {
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        RawReply stat = c.command("STAT");
        assertThat(stat.code()).isEqualTo(211);
        assertThat(stat.lines().size()).isGreaterThan(2);
        assertThat(stat.lines().getFirst()).startsWith("211-");
        assertThat(stat.lines().getLast()).startsWith("211 ");
        assertThat(stat.all()).contains("alice").contains("127.0.0.1").contains("BINARY");
    }

    @Test
    void statOfFileGivesLsLineOnControlConnection() throws Exception {
        Path f = file("report.txt", "0123456789");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        RawReply stat = loggedIn().command("STAT report.txt");
        assertThat(stat.code()).isEqualTo(213);
        assertThat(stat.lines().getFirst()).startsWith("213-");
        assertThat(stat.lines().getLast()).startsWith("213 ");
        List<String> middle = stat.lines().subList(1, stat.lines().size() - 1);
        assertThat(middle).singleElement().satisfies(l -> assertThat(l)
                .startsWith("-rw")
                .matches("-[rwx-]{9} +\\d+ +\\S+ +\\S+ +10 Jan 02 +2020 report\\.txt"));
    }

    @Test
    void statOfDirectoryListsItsEntries() {
        file("d/one.txt", "1");
        file("d/two.txt", "22");
        dir("d/sub");
        file("d/.hidden", "h");
        RawReply stat = loggedIn().command("STAT d");
        assertThat(stat.code()).isEqualTo(213);
        List<String> middle = stat.lines().subList(1, stat.lines().size() - 1);
        assertThat(middle).hasSize(3);
        assertThat(middle).anySatisfy(l -> assertThat(l).startsWith("d").endsWith(" sub"));
        assertThat(middle).anySatisfy(l -> assertThat(l).startsWith("-").endsWith(" one.txt"));
        assertThat(middle).anySatisfy(l -> assertThat(l).startsWith("-").endsWith(" two.txt"));
        assertThat(loggedIn().command("STAT -a d").all()).contains(" .hidden");
    }

    @Test
    void statOfMissingIs550() {
        assertThat(loggedIn().command("STAT missing").code()).isEqualTo(550);
    }

    // ---- TYPE / MODE / STRU -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"A", "I", "L 8", "A N", "A T", "a", "i", "l 8"})
    void supportedTypes(String type) {
        assertThat(loggedIn().command("TYPE " + type).code()).isEqualTo(200);
    }

    @Test
    void typeIsReflectedByStat() {
        RawFtpClient c = loggedIn();
        c.command("TYPE I");
        assertThat(c.command("STAT").all()).contains("BINARY");
        c.command("TYPE A");
        assertThat(c.command("STAT").all()).contains("ASCII");
        c.command("TYPE L 8");
        assertThat(c.command("STAT").all()).contains("BINARY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"E", "L 7", "L 16", "A C", "L"})
    void unsupportedTypesAre504(String type) {
        assertThat(loggedIn().command("TYPE " + type).code()).isEqualTo(504);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "Z 8", "?"})
    void unknownTypesAre501(String type) {
        assertThat(loggedIn().command("TYPE " + type).code()).isEqualTo(501);
    }

    @Test
    void modeStream() {
        assertThat(loggedIn().command("MODE S").code()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"B", "C", "Z"})
    void otherModesAre504(String mode) {
        assertThat(loggedIn().command("MODE " + mode).code()).isEqualTo(504);
    }

    @Test
    void unknownModeIs501() {
        assertThat(loggedIn().command("MODE Q").code()).isEqualTo(501);
    }

    @Test
    void struFile() {
        assertThat(loggedIn().command("STRU F").code()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"R", "P"})
    void otherStructuresAre504(String stru) {
        assertThat(loggedIn().command("STRU " + stru).code()).isEqualTo(504);
    }

    @Test
    void unknownStructureIs501() {
        assertThat(loggedIn().command("STRU Q").code()).isEqualTo(501);
    }

    // ---- the control connection -------------------------------------------------------------

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        RawFtpClient c = loggedIn();
        c.sendBytes("NOOP\r\nSYST\r\nPWD\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(200);
        assertThat(c.read().code()).isEqualTo(215);
        assertThat(c.read().code()).isEqualTo(257);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @Test
    void pipelinedLoginSequence() {
        RawFtpClient c = raw();
        c.sendBytes("USER alice\r\nPASS alice-secret\r\nTYPE I\r\nPWD\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(331);
        assertThat(c.read().code()).isEqualTo(230);
        assertThat(c.read().code()).isEqualTo(200);
        assertThat(c.read().code()).isEqualTo(257);
        assertThat(c.read().code()).isEqualTo(221);
        assertThat(c.isClosedByServer()).isTrue();
    }

    @Test
    void commandSplitAcrossWritesIsOneCommand() throws Exception {
        RawFtpClient c = raw();
        c.sendBytes("NO".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(50);
        c.sendBytes("OP\r".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(50);
        c.sendBytes("\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(200);
    }

    @Test
    void telnetInterruptAndDataMarkAreIgnored() {
        RawFtpClient c = raw();
        // IAC IP IAC DM, as clients send before ABOR (RFC 959 §4.1.3).
        c.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2});
        c.sendBytes("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(200);
    }

    @Test
    void telnetOptionNegotiationIsIgnored() {
        RawFtpClient c = raw();
        // IAC WILL ECHO, IAC DO SGA, IAC WONT x, IAC DONT x, then a command on the same line.
        byte[] negotiation = {(byte) 0xFF, (byte) 0xFB, 1, (byte) 0xFF, (byte) 0xFD, 3,
            (byte) 0xFF, (byte) 0xFC, 0x4E, (byte) 0xFF, (byte) 0xFE, 0x4F};
        c.sendBytes(negotiation);
        c.sendBytes("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(200);
        assertThat(c.command("SYST").code()).isEqualTo(215);
    }

    @Test
    void telnetIacIacIsALiteral0xFF() {
        RawFtpClient c = loggedIn();
        // "MKD a" IAC IAC "b": the name's byte is 0xFF, not valid UTF-8, so read as Latin-1 "\u00ff".
        byte[] line = {'M', 'K', 'D', ' ', 'a', (byte) 0xFF, (byte) 0xFF, 'b', '\r', '\n'};
        c.sendBytes(line);
        assertThat(c.read().code()).isEqualTo(257);
        assertThat(home().resolve("a\u00ffb")).isDirectory();
    }

    @Test
    void telnetIacInsideUtf8Sequence() {
        RawFtpClient c = loggedIn();
        // IAC NOP (0xF1) between the two bytes of "é" is removed before decoding.
        byte[] line = {'M', 'K', 'D', ' ', (byte) 0xC3, (byte) 0xFF, (byte) 0xF1, (byte) 0xA9, '\r', '\n'};
        c.sendBytes(line);
        assertThat(c.read().code()).isEqualTo(257);
        assertThat(home().resolve("\u00e9")).isDirectory();
    }

    @Test
    void bareLineFeedEndsACommand() {
        RawFtpClient c = raw();
        c.sendBytes("NOOP\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(200);
        c.sendBytes("SYST\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read().code()).isEqualTo(215);
        assertThat(c.read().code()).isEqualTo(200);
    }

    @Test
    void latin1FallbackForLegacyClients() {
        RawFtpClient c = loggedIn();
        byte[] line = "MKD caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        c.sendBytes(line);
        assertThat(c.read().code()).isEqualTo(257);
        assertThat(home().resolve("caf\u00e9")).isDirectory();
    }
}
