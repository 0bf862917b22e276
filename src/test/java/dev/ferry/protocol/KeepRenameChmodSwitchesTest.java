package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.UserLimits;
import dev.ferry.testkit.RawFtpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -G} (no renaming), {@code -K} (no deleting, the {@code -a} group excepted)
 * and {@code -R} (no SITE CHMOD): each refusal is 550 and leaves the file as it was.
 */
class KeepRenameChmodSwitchesTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheSwitchesAliceMayRenameDeleteAndChmod() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir); RawFtpClient alice = server.alice()) {
            Files.writeString(server.home().resolve("a.txt"), "a");
            assertThat(alice.command("RNFR a.txt").code()).isEqualTo(350);
            assertThat(alice.command("RNTO b.txt").code()).isEqualTo(250);
            assertThat(alice.command("SITE CHMOD 600 b.txt").code()).isEqualTo(200);
            assertThat(alice.command("DELE b.txt").code()).isEqualTo(250);
        }
    }

    @Test
    void dashGRefusesRenaming() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-G"); RawFtpClient alice = server.alice()) {
            Files.writeString(server.home().resolve("a.txt"), "a");
            assertThat(alice.command("RNFR a.txt").code()).isEqualTo(550);
            assertThat(alice.command("RNTO b.txt").code()).isEqualTo(503);
            assertThat(server.home().resolve("a.txt")).exists();
            assertThat(alice.command("DELE a.txt").code()).isEqualTo(250);
        }
    }

    @Test
    void dashKRefusesDeletingExceptToTheTrustedGroup() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-K", "-a", "staff")) {
            server.addUser("bob", Set.of("staff"), UserLimits.NONE);
            Files.writeString(server.home().resolve("keep.txt"), "k");
            try (RawFtpClient alice = server.alice(); RawFtpClient bob = server.login("bob")) {
                assertThat(alice.command("DELE keep.txt").code()).isEqualTo(550);
                assertThat(server.home().resolve("keep.txt")).hasContent("k");
                assertThat(alice.command("RNFR keep.txt").code()).isEqualTo(350);
                assertThat(alice.command("RNTO kept.txt").code()).isEqualTo(250);
                // bob is of the -a group: not jailed, and he may delete
                assertThat(bob.command("DELE " + server.home().resolve("kept.txt")).code()).isEqualTo(250);
                assertThat(server.home().resolve("kept.txt")).doesNotExist();
            }
        }
    }

    @Test
    void dashRRefusesSiteChmod() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-R"); RawFtpClient alice = server.alice()) {
            Path file = server.home().resolve("a.txt");
            Files.writeString(file, "a");
            String before = Files.getPosixFilePermissions(file).toString();
            assertThat(alice.command("SITE CHMOD 600 a.txt").code()).isEqualTo(550);
            assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo(before);
        }
    }
}
