package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.policy.SystemLoad;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -Z} ({@code --customerproof}: SITE CHMOD cannot take the owner's own
 * access away), {@code -m LOAD} ({@code --maxload}: anonymous downloads wait while the machine is
 * busy), {@code -r} ({@code --autorename}: uploads never overwrite), {@code --trustedip} (real
 * users only through one local address), {@code -N} ({@code --natmode}: active mode only) and
 * {@code -M} ({@code --anonymouscancreatedirs}: directories in the drop box), and the jail's top,
 * which SITE CHMOD never locks.
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

    @Test
    void autoRenameNeverOverwritesAndNamesTheNewFile() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-r");
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("report.txt"), "first");
            RawReply opening = TransferSupport.upload(client, RawMode.PASV, "STOR report.txt", "second".getBytes());
            assertThat(opening.text()).contains("report.txt.1");
            TransferSupport.upload(client, RawMode.PASV, "STOR report.txt", "third".getBytes());
            assertThat(server.home().resolve("report.txt")).hasContent("first");
            assertThat(server.home().resolve("report.txt.1")).hasContent("second");
            assertThat(server.home().resolve("report.txt.2")).hasContent("third");
            TransferSupport.upload(client, RawMode.PASV, "STOR new.txt", "new".getBytes());
            assertThat(server.home().resolve("new.txt")).hasContent("new");
            assertThat(server.home().resolve("new.txt.1")).doesNotExist();
            // a resumed upload continues the file itself
            assertThat(client.command("REST 5").code()).isEqualTo(350);
            TransferSupport.upload(client, RawMode.PASV, "STOR report.txt", "-more".getBytes());
            assertThat(server.home().resolve("report.txt")).hasContent("first-more");
            assertThat(server.home().resolve("report.txt.3")).doesNotExist();
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("plain"));
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("report.txt"), "first");
            TransferSupport.upload(client, RawMode.PASV, "STOR report.txt", "second".getBytes());
            assertThat(server.home().resolve("report.txt")).hasContent("second");
            assertThat(server.home().resolve("report.txt.1")).doesNotExist();
        }
    }

    @Test
    void trustedIpLetsRealUsersInOnlyThroughThatAddress() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-S", "127.0.0.2,0", "--anonymous",
                "--trustedip", "127.0.0.2")) {
            try (RawFtpClient publicSide = server.connectTo("127.0.0.1")) {
                assertThat(publicSide.command("USER alice").code()).isEqualTo(331);
                assertThat(publicSide.command("PASS alice-secret").code()).isEqualTo(530);
                assertThat(publicSide.command("USER anonymous").code()).isEqualTo(331);
                assertThat(publicSide.command("PASS guest@example.com").code()).isEqualTo(230);
            }
            try (RawFtpClient trustedSide = server.connectTo("127.0.0.2")) {
                assertThat(trustedSide.command("USER alice").code()).isEqualTo(331);
                assertThat(trustedSide.command("PASS alice-secret").code()).isEqualTo(230);
            }
        }
    }

    @Test
    void natModeRefusesPassiveModeAndActiveModeStillWorks() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-N");
             RawFtpClient client = server.alice()) {
            Files.writeString(server.home().resolve("a.txt"), "active");
            RawReply pasv = client.command("PASV");
            assertThat(pasv.code()).isEqualTo(502);
            assertThat(pasv.text()).contains("PORT");
            assertThat(client.command("EPSV").code()).isEqualTo(502);
            assertThat(client.command("EPSV ALL").code()).isEqualTo(502);
            TransferSupport.upload(client, RawMode.PORT, "STOR b.txt", "by port".getBytes());
            assertThat(server.home().resolve("b.txt")).hasContent("by port");
        }
    }

    @Test
    void anonymousCanCreateDirectoriesOnlyInsideTheDropBox() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "--anonymous-upload-dir", "incoming",
                "-M")) {
            try (RawFtpClient anonymous = server.connect()) {
                anonymous.login("anonymous", "guest@example.com");
                anonymous.command("TYPE I");
                assertThat(anonymous.command("MKD incoming/2026").code()).isEqualTo(257);
                assertThat(anonymous.command("MKD incoming/2026/november").code()).isEqualTo(257);
                TransferSupport.upload(anonymous, RawMode.PASV, "STOR incoming/2026/november/photo.jpg",
                        "jpeg".getBytes());
                assertThat(server.anonymousRoot().resolve("incoming/2026/november/photo.jpg")).hasContent("jpeg");
                assertThat(anonymous.command("PASV").code()).isEqualTo(227);
                assertThat(anonymous.command("RETR incoming/2026/november/photo.jpg").code()).isEqualTo(550);
                assertThat(anonymous.command("MKD elsewhere").code()).isEqualTo(550);
                assertThat(anonymous.command("MKD incoming/.hidden").code()).isEqualTo(550);
                assertThat(anonymous.command("RMD incoming/2026/november").code()).isEqualTo(550);
            }
            assertThat(server.anonymousRoot().resolve("elsewhere")).doesNotExist();
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("plain"), "--anonymous",
                "--anonymous-upload-dir", "incoming");
             RawFtpClient anonymous = server.connect()) {
            anonymous.login("anonymous", "guest@example.com");
            assertThat(anonymous.command("MKD incoming/2026").code()).isEqualTo(550);
        }
    }
}
