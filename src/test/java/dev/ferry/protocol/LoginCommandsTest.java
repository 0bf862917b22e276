package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.testkit.TestServer;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

/** USER, PASS, ACCT, REIN and QUIT (RFC 959 §4.1.1, sequencing in §5.4). */
class LoginCommandsTest extends LiveServerTest {

    @Test
    void userThenPassLogsIn() {
        RawFtpClient c = raw();
        assertThat(c.banner().code()).isEqualTo(220);
        assertThat(c.command("USER " + TestServer.USER).code()).isEqualTo(331);
        RawReply pass = c.command("PASS " + TestServer.PASSWORD);
        assertThat(pass.code()).isEqualTo(230);
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void verbsAreCaseInsensitive() {
        RawFtpClient c = raw();
        assertThat(c.command("user " + TestServer.USER).code()).isEqualTo(331);
        assertThat(c.command("pAsS " + TestServer.PASSWORD).code()).isEqualTo(230);
        assertThat(c.command("pwd").code()).isEqualTo(257);
    }

    @Test
    void commonsNetLoginAndLogout() throws Exception {
        FTPClient f = server.client();
        try {
            assertThat(f.login(TestServer.USER, TestServer.PASSWORD)).isTrue();
            assertThat(f.printWorkingDirectory()).isEqualTo("/");
            assertThat(f.logout()).isTrue();
            assertThat(f.getReplyCode()).isEqualTo(221);
        } finally {
            f.disconnect();
        }
    }

    @Test
    void wrongPasswordIs530AndNotLoggedIn() {
        RawFtpClient c = raw();
        assertThat(c.command("USER " + TestServer.USER).code()).isEqualTo(331);
        assertThat(c.command("PASS wrong").code()).isEqualTo(530);
        assertThat(c.command("PWD").code()).isEqualTo(530);
    }

    @Test
    void emptyPasswordIs530() {
        RawFtpClient c = raw();
        assertThat(c.command("USER " + TestServer.USER).code()).isEqualTo(331);
        assertThat(c.command("PASS").code()).isEqualTo(530);
        assertThat(c.command("PWD").code()).isEqualTo(530);
    }

    @Test
    void passAfterFailedLoginNeedsUserAgain() {
        RawFtpClient c = raw();
        c.command("USER " + TestServer.USER);
        assertThat(c.command("PASS wrong").code()).isEqualTo(530);
        assertThat(c.command("PASS " + TestServer.PASSWORD).code()).isEqualTo(503);
        assertThat(c.command("PWD").code()).isEqualTo(530);
    }

    @Test
    void loginSucceedsAfterAFailedAttempt() {
        RawFtpClient c = raw();
        c.command("USER " + TestServer.USER);
        assertThat(c.command("PASS wrong").code()).isEqualTo(530);
        c.login();
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        RawFtpClient c = raw();
        RawReply knownUser = c.command("USER " + TestServer.USER);
        RawReply knownPass = c.command("PASS wrong-password");
        RawReply unknownUser = c.command("USER nosuchuser");
        RawReply unknownPass = c.command("PASS wrong-password");
        assertThat(knownUser.code()).isEqualTo(331);
        assertThat(unknownUser.code()).isEqualTo(331);
        // USER may echo the name, but must say nothing else that differs.
        assertThat(unknownUser.all().replace("nosuchuser", "NAME"))
                .isEqualTo(knownUser.all().replace(TestServer.USER, "NAME"));
        assertThat(unknownPass.all()).isEqualTo(knownPass.all());
        assertThat(knownPass.code()).isEqualTo(530);
    }

    @Test
    void passWithoutUserIs503() {
        RawFtpClient c = raw();
        assertThat(c.command("PASS " + TestServer.PASSWORD).code()).isEqualTo(503);
        assertThat(c.command("PWD").code()).isEqualTo(530);
    }

    @Test
    void userAfterLoginIs530AndKeepsTheLogin() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("USER " + TestServer.USER).code()).isEqualTo(530);
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void passAfterLoginIs503() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("PASS " + TestServer.PASSWORD).code()).isEqualTo(503);
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void tooManyFailedLoginsCloseTheConnection() {
        RawFtpClient c = raw();
        for (int i = 1; i < 3; i++) {
            c.command("USER " + TestServer.USER);
            assertThat(c.command("PASS wrong").code()).isEqualTo(530);
        }
        c.command("USER " + TestServer.USER);
        assertThat(c.command("PASS wrong").code()).isEqualTo(421);
        assertThat(c.isClosedByServer()).isTrue();
    }

    @Test
    void acctIsSuperfluousBeforeAndAfterLogin() {
        RawFtpClient c = raw();
        assertThat(c.command("ACCT billing").code()).isEqualTo(202);
        c.login();
        assertThat(c.command("ACCT billing").code()).isEqualTo(202);
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void reinLogsOutAndAllowsANewLogin() {
        dir("sub");
        RawFtpClient c = loggedIn();
        assertThat(c.command("CWD sub").code()).isEqualTo(250);
        assertThat(c.command("TYPE I").code()).isEqualTo(200);
        assertThat(c.command("REIN").code()).isEqualTo(220);
        assertThat(c.command("PWD").code()).isEqualTo(530);
        assertThat(c.command("CWD /").code()).isEqualTo(530);
        assertThat(c.command("PASS " + TestServer.PASSWORD).code()).as("USER forgotten").isEqualTo(503);
        c.login();
        // A fresh start: back at the root, TYPE back to ASCII.
        assertThat(c.command("PWD").all()).startsWith("257 \"/\"");
        assertThat(c.command("STAT").all()).contains("TYPE: ASCII");
    }

    @Test
    void reinBeforeLoginIs220() {
        RawFtpClient c = raw();
        c.command("USER " + TestServer.USER);
        assertThat(c.command("REIN").code()).isEqualTo(220);
        assertThat(c.command("PASS " + TestServer.PASSWORD).code()).isEqualTo(503);
    }

    @Test
    void reinForgetsPendingRename() {
        file("a.txt", "a");
        RawFtpClient c = loggedIn();
        assertThat(c.command("RNFR a.txt").code()).isEqualTo(350);
        assertThat(c.command("REIN").code()).isEqualTo(220);
        c.login();
        assertThat(c.command("RNTO b.txt").code()).isEqualTo(503);
    }

    @Test
    void quitAnswers221AndCloses() {
        RawFtpClient c = loggedIn();
        assertThat(c.command("QUIT").code()).isEqualTo(221);
        assertThat(c.isClosedByServer()).isTrue();
    }

    @Test
    void quitBeforeLoginAnswers221AndCloses() {
        RawFtpClient c = raw();
        assertThat(c.command("QUIT").code()).isEqualTo(221);
        assertThat(c.isClosedByServer()).isTrue();
    }
}
