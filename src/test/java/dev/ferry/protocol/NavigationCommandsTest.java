package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.nio.file.Files;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CWD/XCWD, CDUP/XCUP, PWD/XPWD and SMNT (RFC 959 §4.1.1, §4.1.3, Appendix II; RFC 775). */
class NavigationCommandsTest extends LiveServerTest {

    /** The path inside the 257 reply's quotes, with RFC 959 Appendix II doubling undone. */
    static String quotedPath(RawReply reply) {
        String text = reply.text();
        assertThat(text).startsWith("\"");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    out.append('"');
                    i++;
                    continue;
                }
                return out.toString();
            }
            out.append(ch);
        }
        throw new AssertionError("unterminated path in " + reply);
    }

    @Test
    void pwdAtLoginIsRoot() {
        RawReply pwd = loggedIn().command("PWD");
        assertThat(pwd.code()).isEqualTo(257);
        assertThat(pwd.text()).startsWith("\"/\" ");
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"CWD, PWD", "XCWD, XPWD", "CWD, XPWD", "XCWD, PWD"})
    void cwdIntoDirectoryThenPwd(String cwd, String pwd) {
        dir("docs/inner");
        RawFtpClient c = loggedIn();
        assertThat(c.command(cwd + " docs").code()).isEqualTo(250);
        RawReply reply = c.command(pwd);
        assertThat(reply.code()).isEqualTo(257);
        assertThat(reply.text()).startsWith("\"/docs\"");
        assertThat(c.command(cwd + " inner").code()).isEqualTo(250);
        assertThat(quotedPath(c.command(pwd))).isEqualTo("/docs/inner");
    }

    @Test
    void cwdWithAbsoluteAndDottedPaths() {
        dir("a/b/c");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD /a/b/c").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/a/b/c");
        assertThat(c.command("CWD ../..").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/a");
        assertThat(c.command("CWD ./b/./c/").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/a/b/c");
        assertThat(c.command("CWD /").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @Test
    void cwdAboveRootStaysAtRoot() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD ../../..").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @Test
    void pwdQuotesDoubleQuotesInNames() {
        // RFC 959 Appendix II: an embedded double quote is written as two.
        dir("a\"b");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD a\"b").code()).isEqualTo(250);
        RawReply pwd = c.command("PWD");
        assertThat(pwd.text()).startsWith("\"/a\"\"b\" ");
        assertThat(quotedPath(pwd)).isEqualTo("/a\"b");
    }

    @Test
    void directoryWithSpacesAndUnicode() {
        dir("my dir/sous-r\u00e9pertoire \u2713");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD my dir").code()).isEqualTo(250);
        assertThat(c.command("CWD sous-r\u00e9pertoire \u2713").code()).isEqualTo(250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/my dir/sous-r\u00e9pertoire \u2713");
    }

    @Test
    void cwdToAFileIs550AndStays() {
        dir("d");
        file("d/f.txt", "x");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD d").code()).isEqualTo(250);
        assertThat(c.command("CWD f.txt").code()).isEqualTo(550);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/d");
    }

    @Test
    void cwdToMissingIs550() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD nowhere").code()).isEqualTo(550);
        assertThat(c.command("XCWD /no/where").code()).isEqualTo(550);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @Test
    void cwdWithControlCharacterIsRefused() {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command("CWD a\u0001b");
        assertThat(reply.code()).isEqualTo(553);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CDUP", "XCUP"})
    void cdupAtRootStaysAtRoot(String verb) {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command(verb);
        assertThat(reply.code()).isIn(200, 250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CDUP", "XCUP"})
    void cdupGoesUpOneLevel(String verb) {
        dir("x/y");
        RawFtpClient c = loggedIn();
        c.command("CWD /x/y");
        assertThat(c.command(verb).code()).isIn(200, 250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/x");
        assertThat(c.command(verb).code()).isIn(200, 250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @Test
    void commonsNetNavigation() throws Exception {
        dir("one/two");
        FTPClient f = ftp();
        assertThat(f.changeWorkingDirectory("one/two")).isTrue();
        assertThat(f.printWorkingDirectory()).isEqualTo("/one/two");
        assertThat(f.changeToParentDirectory()).isTrue();
        assertThat(f.printWorkingDirectory()).isEqualTo("/one");
        assertThat(f.changeWorkingDirectory("missing")).isFalse();
        assertThat(f.getReplyCode()).isEqualTo(550);
    }

    @Test
    void cwdIntoADirectoryRemovedUnderneathFailsLater() throws Exception {
        dir("gone");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD gone").code()).isEqualTo(250);
        Files.delete(home().resolve("gone"));
        assertThat(c.command("CWD .").code()).isEqualTo(550);
        assertThat(c.command("CDUP").code()).isIn(200, 250);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }

    @Test
    void smntIsNotImplemented() {
        dir("mnt");
        RawFtpClient c = loggedIn();
        assertThat(c.command("SMNT mnt").code()).isEqualTo(502);
        assertThat(quotedPath(c.command("PWD"))).isEqualTo("/");
    }
}
