package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.UserLimits;
import dev.ferry.protocol.RulesServer.Exchange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload/download ratios over the wire: Pure-FTPd's {@code -q}/{@code -Q} and a virtual user's
 * own {@code --ratio} (bytes), ProFTPD mod_ratio's {@code Ratios}/{@code UserRatio}/
 * {@code GroupRatio}/{@code AnonRatio} (files and bytes, with credits). A download the ratio does
 * not allow gets 550 before any data connection opens; what was uploaded and downloaded in the
 * login decides.
 */
class RatioTest {
    @TempDir
    Path dir;

    private static RawReply login(RawFtpClient client, String user, String password) {
        assertThat(client.command("USER " + user).code()).isEqualTo(331);
        return client.command("PASS " + password);
    }

    @Test
    void dashQHoldsEveryLoginToItsBytes() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-Q", "1:2")) {
            Files.write(server.home().resolve("four.bin"), new byte[4096]);
            try (RawFtpClient alice = server.connect()) {
                RawReply welcome = login(alice, RulesServer.USER, RulesServer.PASSWORD);
                assertThat(welcome.code()).isEqualTo(230);
                assertThat(welcome.all()).contains("Ratio 1:2 in bytes: uploaded 0 files (0 bytes), downloaded 0 files "
                        + "(0 bytes)", "Left to download: 0 bytes");
                alice.command("TYPE I");

                Exchange refused = RulesServer.run(alice, "RETR four.bin");
                assertThat(refused.code()).as(refused.reply().all()).isEqualTo(550);
                assertThat(refused.reply().text()).isEqualTo("Upload more first: four.bin needs 4096 bytes, the ratio "
                        + "1:2 in bytes leaves 0 (uploaded 0, downloaded 0)");

                TransferSupport.upload(alice, RawMode.PASV, "STOR up.bin", new byte[3000]);
                assertThat(TransferSupport.retrieve(alice, RawMode.PASV, "four.bin")).hasSize(4096);
                // 6000 earned, 4096 used: another 4096 is too much, 1904 bytes from the end is not
                assertThat(RulesServer.run(alice, "RETR four.bin").code()).isEqualTo(550);
                assertThat(alice.command("REST 2192").code()).isEqualTo(350);
                Exchange tail = RulesServer.run(alice, "RETR four.bin");
                assertThat(tail.code()).as(tail.reply().all()).isEqualTo(226);

                RawReply standing = alice.command("SITE RATIO");
                assertThat(standing.code()).isEqualTo(200);
                assertThat(standing.lines()).containsExactly(
                        "200-Ratio 1:2 in bytes: uploaded 1 file (3000 bytes), downloaded 2 files (6000 bytes)",
                        "200 Left to download: 0 bytes");
            }
        }
    }

    @Test
    void dashQHoldsAnonymousLoginsOnlyAndTheTrustedGroupIsExempt() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--anonymous", "-q", "1:1", "-Q", "1:1", "-a",
                "staff")) {
            Files.write(server.anonymousRoot().resolve("pub.bin"), new byte[100]);
            Files.write(server.home().resolve("a.bin"), new byte[100]);
            server.addUser("bob", Set.of("staff"), UserLimits.NONE);
            Files.write(server.home().resolve("../bob/b.bin").normalize(), new byte[100]);
            try (RawFtpClient anonymous = server.connect(); RawFtpClient alice = server.alice();
                 RawFtpClient bob = server.login("bob")) {
                anonymous.login("anonymous", "guest@example.org");
                anonymous.command("TYPE I");
                assertThat(RulesServer.run(anonymous, "RETR pub.bin").code()).isEqualTo(550);
                assertThat(RulesServer.run(alice, "RETR a.bin").code()).isEqualTo(550);
                assertThat(RulesServer.run(bob, "RETR b.bin").code()).isEqualTo(226);
                assertThat(bob.command("SITE RATIO").text()).isEqualTo("No upload/download ratio applies to this login");
            }
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("q"), "--anonymous", "-q", "1:1")) {
            Files.write(server.anonymousRoot().resolve("pub.bin"), new byte[100]);
            Files.write(server.home().resolve("a.bin"), new byte[100]);
            try (RawFtpClient anonymous = server.connect(); RawFtpClient alice = server.alice()) {
                anonymous.login("anonymous", "guest@example.org");
                anonymous.command("TYPE I");
                assertThat(RulesServer.run(anonymous, "RETR pub.bin").code()).isEqualTo(550);
                assertThat(RulesServer.run(alice, "RETR a.bin").code()).isEqualTo(226);
            }
        }
    }

    @Test
    void aUsersOwnRatioComesBeforeTheServers() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-Q", "1:1")) {
            server.addUser("carol", Set.of(), new UserLimits(0, 0, 0, 0, 0, 1, 100));
            Path home = server.home().resolve("../carol").normalize();
            Files.write(home.resolve("big.bin"), new byte[5000]);
            try (RawFtpClient carol = server.login("carol")) {
                assertThat(RulesServer.run(carol, "RETR big.bin").code()).isEqualTo(550);
                TransferSupport.upload(carol, RawMode.PASV, "STOR seed.bin", new byte[50]);
                assertThat(RulesServer.run(carol, "RETR big.bin").code()).isEqualTo(226);
                assertThat(carol.command("SITE RATIO").lines().getFirst()).startsWith("200-Ratio 1:100 in bytes");
            }
        }
    }

    @Test
    void aDownloadCutShortStillCounts() throws Exception {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-Q", "1:1")) {
            byte[] big = TransferSupport.randomBytes(4 << 20, 3);
            Files.write(server.home().resolve("big.bin"), big);
            try (RawFtpClient alice = server.alice()) {
                TransferSupport.upload(alice, RawMode.PASV, "STOR seed.bin", big);
                // read 64 KiB of the 4 MiB download, then close the data connection
                try (TransferSupport.DataLink link = RawMode.PASV.prepare(alice)) {
                    assertThat(alice.command("RETR big.bin").code()).isEqualTo(150);
                    TransferSupport.readExactly(link.socket(), 65536);
                }
                RawReply cut = alice.read();
                assertThat(cut.code()).as(cut.all()).isEqualTo(426);
                RawReply standing = alice.command("SITE RATIO");
                assertThat(standing.lines().getFirst()).contains("uploaded 1 file (" + big.length + " bytes), "
                        + "downloaded 0 files (");
                long downloaded = Long.parseLong(standing.lines().getFirst().replaceAll(".*downloaded 0 files \\((\\d+) "
                        + "bytes\\)", "$1"));
                assertThat(downloaded).isGreaterThanOrEqualTo(65536);
                // what the cut download sent is spent: the whole file no longer fits
                assertThat(RulesServer.run(alice, "RETR big.bin").code()).isEqualTo(550);
            }
        }
    }

    @Test
    void proftpdFileRatioWithCreditAndItsOwnText() throws Exception {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                Ratios on
                UserRatio alice 2 1 0 0
                FileRatioErrMsg "Share first!"
                """)) {
            for (String name : new String[] {"a", "b", "c", "d"}) {
                Files.write(server.home().resolve(name), new byte[10]);
            }
            try (RawFtpClient alice = server.alice()) {
                assertThat(RulesServer.run(alice, "RETR a").code()).isEqualTo(226); // the credit
                Exchange refused = RulesServer.run(alice, "RETR b");
                assertThat(refused.code()).isEqualTo(550);
                assertThat(refused.reply().text()).isEqualTo("Share first!: b is refused by the ratio 1:2 in files "
                        + "(uploaded 0, downloaded 1)");
                TransferSupport.upload(alice, RawMode.PASV, "STOR mine", new byte[1]);
                assertThat(RulesServer.run(alice, "RETR b").code()).isEqualTo(226);
                assertThat(RulesServer.run(alice, "RETR c").code()).isEqualTo(226);
                assertThat(RulesServer.run(alice, "RETR d").code()).isEqualTo(550);
            }
        }
    }

    @Test
    void proftpdGroupAnonymousAndLeechRules() throws Exception {
        Files.createDirectories(dir.resolve("anon"));
        Files.write(dir.resolve("anon/pub.bin"), new byte[2048]);
        try (RulesServer server = RulesServer.fromConfig(dir, """
                Ratios on
                LeechRatioMsg "No ratio for you"
                UserRatio alice 0 0 0 0
                GroupRatio staff 0 0 1 1
                <Anonymous DIR/anon>
                  User ftp
                  UserAlias anonymous ftp
                  AnonRatio *@example.org 0 0 -2 0
                </Anonymous>
                """)) {
            server.addUser("bob", Set.of("staff"), UserLimits.NONE);
            Files.write(server.home().resolve("../bob/b.bin").normalize(), new byte[2048]);
            Files.write(server.home().resolve("a.bin"), new byte[2048]);
            try (RawFtpClient alice = server.connect(); RawFtpClient bob = server.login("bob");
                 RawFtpClient guest = server.connect(); RawFtpClient other = server.connect()) {
                // alice: a leech by her UserRatio line
                assertThat(login(alice, RulesServer.USER, RulesServer.PASSWORD).all()).contains("No ratio for you");
                alice.command("TYPE I");
                assertThat(RulesServer.run(alice, "RETR a.bin").code()).isEqualTo(226);
                // bob: 1:1 in bytes with 1 KB credit, so 2048 bytes is too much until he uploads 1024
                assertThat(RulesServer.run(bob, "RETR b.bin").code()).isEqualTo(550);
                TransferSupport.upload(bob, RawMode.PASV, "STOR up.bin", new byte[1024]);
                assertThat(RulesServer.run(bob, "RETR b.bin").code()).isEqualTo(226);
                // anonymous with an example.org address: 2 uploaded for 1 downloaded
                assertThat(login(guest, "anonymous", "me@example.org").all()).contains("Ratio 2:1 in bytes");
                guest.command("TYPE I");
                assertThat(RulesServer.run(guest, "RETR pub.bin").code()).isEqualTo(550);
                // another address matches no rule
                assertThat(login(other, "anonymous", "me@example.com").all()).contains("No ratio for you");
                other.command("TYPE I");
                assertThat(RulesServer.run(other, "RETR pub.bin").code()).isEqualTo(226);
            }
        }
    }

    @Test
    void withoutRatiosOnTheRulesDoNothing() throws Exception {
        try (RulesServer server = RulesServer.fromConfig(dir, "UserRatio * 0 0 1 0\n");
             RawFtpClient alice = server.alice()) {
            Files.write(server.home().resolve("a.bin"), new byte[100]);
            assertThat(RulesServer.run(alice, "RETR a.bin").code()).isEqualTo(226);
        }
    }
}
