package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -e} ({@code --anonymousonly}): anonymous logins only; a real user is
 * refused with 530, even with the right password. Anonymous users never see dot-files.
 */
class AnonymousOnlySwitchTest {
    @TempDir
    Path dir;

    @Test
    void realUsersAreRefusedAndAnonymousUsersAdmitted() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-e")) {
            Files.writeString(server.anonymousRoot().resolve("welcome.txt"), "hi");
            Files.writeString(server.anonymousRoot().resolve(".htaccess"), "secret");
            try (RawFtpClient alice = server.connect()) {
                assertThat(alice.command("USER alice").code()).isEqualTo(331);
                assertThat(alice.command("PASS " + RulesServer.PASSWORD).code()).isEqualTo(530);
                assertThat(alice.command("PWD").code()).isEqualTo(530);
            }
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                assertThat(RulesServer.names(anonymous, "NLST -a")).containsExactly("welcome.txt");
                assertThat(RulesServer.names(anonymous, "MLSD")).containsExactly("welcome.txt");
            }
        }
    }

    @Test
    void withoutTheSwitchRealUsersLogIn() {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous");
             RawFtpClient alice = server.alice()) {
            assertThat(alice.command("PWD").code()).isEqualTo(257);
        }
    }
}
