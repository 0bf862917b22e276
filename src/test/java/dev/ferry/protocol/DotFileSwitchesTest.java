package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -x} ({@code --prohibitdotfileswrite}: dot-files may be listed and read but
 * not created, written, renamed, deleted or chmod-ed) and {@code -X}
 * ({@code --prohibitdotfilesread}: not read nor entered either, and left out of listings), for
 * real users, even in their own home.
 */
class DotFileSwitchesTest {
    @TempDir
    Path dir;

    private static void dotFiles(RulesServer server) throws IOException {
        Files.writeString(server.home().resolve(".profile"), "export PATH\n");
        Files.createDirectories(server.home().resolve(".ssh"));
        Files.writeString(server.home().resolve(".ssh/authorized_keys"), "ssh-ed25519 AAAA\n");
        Files.writeString(server.home().resolve("plain.txt"), "plain\n");
    }

    @Test
    void dashXRefusesEveryChangeToDotFiles() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-x");
             RawFtpClient client = server.alice()) {
            dotFiles(server);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("STOR .profile").code()).isEqualTo(550);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("APPE .profile").code()).isEqualTo(550);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("STOR .ssh/authorized_keys").code()).isEqualTo(550);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("STOR .new").code()).isEqualTo(550);
            assertThat(client.command("DELE .profile").code()).isEqualTo(550);
            assertThat(client.command("RNFR .profile").code()).isEqualTo(550);
            assertThat(client.command("MKD .hidden-dir").code()).isEqualTo(550);
            assertThat(client.command("RMD .ssh").code()).isEqualTo(550);
            assertThat(client.command("SITE CHMOD 600 .profile").code()).isEqualTo(550);
            assertThat(client.command("RNFR plain.txt").code()).isEqualTo(350);
            assertThat(client.command("RNTO .plain.txt").code()).isEqualTo(550);
            assertThat(server.home().resolve(".profile")).hasContent("export PATH");
            assertThat(server.home().resolve(".ssh/authorized_keys")).hasContent("ssh-ed25519 AAAA");
            assertThat(server.home().resolve(".new")).doesNotExist();
            assertThat(server.home().resolve(".hidden-dir")).doesNotExist();
            assertThat(server.home().resolve("plain.txt")).exists();
        }
    }

    @Test
    void dashXStillListsAndServesDotFiles() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--prohibitdotfileswrite");
             RawFtpClient client = server.alice()) {
            dotFiles(server);
            RulesServer.Exchange retr = RulesServer.run(client, "RETR .profile");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.data()).isEqualTo("export PATH\n");
            assertThat(RulesServer.names(client, "NLST -a")).containsExactly(".profile", ".ssh", "plain.txt");
            assertThat(RulesServer.names(client, "MLSD")).containsExactly(".profile", ".ssh", "plain.txt");
            assertThat(client.command("CWD .ssh").code()).isEqualTo(250);
            assertThat(client.command("CDUP").code()).isEqualTo(250);
            TransferSupport.upload(client, RawMode.PASV, "STOR notes.txt", "ok".getBytes());
            assertThat(server.home().resolve("notes.txt")).hasContent("ok");
        }
    }

    @Test
    void dashCapitalXHidesDotFilesAndRefusesReadingAndEntering() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-X");
             RawFtpClient client = server.alice()) {
            dotFiles(server);
            assertThat(RulesServer.names(client, "NLST -a")).containsExactly("plain.txt");
            assertThat(RulesServer.names(client, "LIST -a")).containsExactly("plain.txt");
            assertThat(RulesServer.names(client, "MLSD")).containsExactly("plain.txt");
            assertThat(client.command("STAT -a /").all()).doesNotContain(".profile", ".ssh");
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("RETR .profile").code()).isEqualTo(550);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("RETR .ssh/authorized_keys").code()).isEqualTo(550);
            assertThat(client.command("CWD .ssh").code()).isEqualTo(550);
            assertThat(client.command("PASV").code()).isEqualTo(227);
            assertThat(client.command("STOR .profile").code()).isEqualTo(550);
            assertThat(client.command("DELE .profile").code()).isEqualTo(550);
            RulesServer.Exchange plain = RulesServer.run(client, "RETR plain.txt");
            assertThat(plain.data()).isEqualTo("plain\n");
        }
    }

    @Test
    void withoutTheSwitchesDotFilesAreOrdinaryFiles() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            dotFiles(server);
            TransferSupport.upload(client, RawMode.PASV, "STOR .profile", "changed".getBytes());
            assertThat(server.home().resolve(".profile")).hasContent("changed");
            assertThat(client.command("DELE .profile").code()).isEqualTo(250);
        }
    }

    @Test
    void dashZLetsAnonymousUsersListAndReadDotFilesButNeverWriteThem() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "--anonymous-upload-dir", "incoming",
                "-z")) {
            Files.writeString(server.anonymousRoot().resolve(".message"), "welcome");
            Files.createDirectories(server.anonymousRoot().resolve(".hidden-dir"));
            Files.writeString(server.anonymousRoot().resolve(".hidden-dir/inside.txt"), "inside");
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                assertThat(RulesServer.names(anonymous, "NLST -a")).contains(".message", ".hidden-dir");
                assertThat(RulesServer.names(anonymous, "NLST")).doesNotContain(".message");
                assertThat(RulesServer.run(anonymous, "RETR .message").data()).isEqualTo("welcome");
                assertThat(RulesServer.run(anonymous, "RETR .hidden-dir/inside.txt").data()).isEqualTo("inside");
                assertThat(anonymous.command("PASV").code()).isEqualTo(227);
                assertThat(anonymous.command("STOR incoming/.forward").code()).isEqualTo(550);
                assertThat(server.anonymousRoot().resolve("incoming/.forward")).doesNotExist();
            }
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("without"), "--anonymous")) {
            Files.writeString(server.anonymousRoot().resolve(".message"), "welcome");
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                assertThat(RulesServer.names(anonymous, "NLST -a")).doesNotContain(".message");
                assertThat(anonymous.command("PASV").code()).isEqualTo(227);
                assertThat(anonymous.command("RETR .message").code()).isEqualTo(550);
            }
        }
    }
}
