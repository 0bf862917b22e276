package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.policy.SystemLoad;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -Z} ({@code --customerproof}: SITE CHMOD cannot take the owner's own
 * access away) and {@code -m LOAD} ({@code --maxload}: anonymous downloads wait while the
 * machine is busy), and the jail's top, which SITE CHMOD never locks.
 */
class PureFtpdSafeguardsTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void customerProofKeepsTheOwnersReadWriteAndSearchBits() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-Z");
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("page.html"), "<p>");
            Files.createDirectories(server.home().resolve("site"));
            assertThat(client.command("SITE CHMOD 000 page.html").code()).isEqualTo(200);
            assertThat(mode(server.home().resolve("page.html"))).isEqualTo("rw-------");
            assertThat(client.command("SITE CHMOD 044 page.html").code()).isEqualTo(200);
            assertThat(mode(server.home().resolve("page.html"))).isEqualTo("rw-r--r--");
            assertThat(client.command("SITE CHMOD 055 site").code()).isEqualTo(200);
            assertThat(mode(server.home().resolve("site"))).isEqualTo("rwxr-xr-x");
            RulesServer.Exchange retr = RulesServer.run(client, "RETR page.html");
            assertThat(retr.data()).isEqualTo("<p>");
        }
    }

    @Test
    void withoutCustomerProofTheModeIsTakenAsGivenButTheJailsTopKeepsItsOwner() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("page.html"), "<p>");
            assertThat(client.command("SITE CHMOD 040 page.html").code()).isEqualTo(200);
            assertThat(mode(server.home().resolve("page.html"))).isEqualTo("---r-----");
            assertThat(client.command("SITE CHMOD 000 /").code()).isEqualTo(200);
            assertThat(mode(server.home())).isEqualTo("rwx------");
        }
    }

    @Test
    void maxLoadRefusesAnonymousDownloadsWhileTheLoadIsAboveIt() throws IOException {
        assumeTrue(SystemLoad.oneMinute() > 0.01, "the machine is idle: its load cannot exceed a limit above 0");
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "-m", "0.001")) {
            Files.writeString(server.anonymousRoot().resolve("pub.txt"), "public");
            Files.writeString(server.home().resolve("mine.txt"), "mine");
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                assertThat(anonymous.command("PASV").code()).isEqualTo(227);
                RawReply refused = anonymous.command("RETR pub.txt");
                assertThat(refused.code()).isEqualTo(450);
                assertThat(refused.text()).contains("load");
                assertThat(RulesServer.names(anonymous, "NLST")).containsExactly("pub.txt");
            }
            try (RawFtpClient alice = server.alice()) {
                assertThat(RulesServer.run(alice, "RETR mine.txt").data()).isEqualTo("mine");
            }
        }
    }

    @Test
    void maxLoadAboveTheLoadLetsAnonymousDownloadsThrough() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "--maxload", "100000")) {
            Files.writeString(server.anonymousRoot().resolve("pub.txt"), "public");
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                RulesServer.Exchange retr = RulesServer.run(anonymous, "RETR pub.txt");
                assertThat(retr.code()).isEqualTo(226);
                assertThat(retr.data()).isEqualTo("public");
            }
        }
    }
}
