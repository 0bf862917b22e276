package dev.ferry.protocol.tls;

import static dev.ferry.protocol.tls.FtpsRawClient.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS levels for some users or groups only (ProFTPD's TLSRequired inside {@code <IfUser>} and
 * {@code <IfGroup>}; {@code --tls-required-users}/{@code --tls-required-groups}): those accounts
 * are refused at USER in the clear, before a password is sent, and their transfers under PROT C
 * are refused; everybody else keeps the server's level.
 */
class AccountTlsPolicyTest {
    @TempDir
    Path temp;

    @Test
    void aUserWhoMustUseTlsIsRefusedAtUserInTheClearAndOthersAreNot() throws IOException {
        try (FtpsServer server = FtpsServer.builder(temp)
                .require(TlsRequirement.forUsers("alice", TlsLevel.CONTROL_AND_DATA)).start();
             FtpsRawClient clear = FtpsRawClient.connect(server.port());
             FtpsRawClient tls = FtpsRawClient.connect(server.port())) {
            assertThat(clear.command("USER alice").all()).isEqualTo("530 TLS required: send AUTH TLS before USER");
            assertThat(clear.command("PASS alice-secret").code()).as("no USER was accepted").isEqualTo(503);
            assertThat(clear.command("USER bob").code()).isEqualTo(331);
            assertThat(clear.command("PASS bob-secret").code()).isEqualTo(230);

            Files.writeString(server.home().resolve("f.txt"), "protected");
            expect(tls.auth("TLS"), 234);
            tls.login();
            tls.pasv();
            assertThat(tls.command("RETR f.txt").code()).as("alice's data must be protected too").isEqualTo(521);
            assertThat(tls.command("CCC").code()).isEqualTo(534);
        }
    }

    @Test
    void aGroupsLevelFollowsItsMembersAndAnUnknownNameLooksLikeAnyOther() {
        try (FtpsServer server = FtpsServer.builder(temp)
                .require(TlsRequirement.forGroups("staff", TlsLevel.CONTROL)).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            assertThat(c.command("USER carol").code()).isEqualTo(530);
            assertThat(c.command("USER bob").code()).isEqualTo(331);
            assertThat(c.command("USER nobody-here").code()).isEqualTo(331);
        }
    }

    @Test
    void anAccountsLevelMayAlsoBeLowerThanTheServers() {
        try (FtpsServer server = FtpsServer.builder(temp).level(TlsLevel.CONTROL)
                .require(TlsRequirement.forUsers("bob", TlsLevel.OPTIONAL)).start();
             FtpsRawClient c = FtpsRawClient.connect(server.port())) {
            assertThat(c.command("USER alice").code()).isEqualTo(530);
            assertThat(c.command("USER bob").code()).isEqualTo(331);
            assertThat(c.command("PASS bob-secret").code()).isEqualTo(230);
        }
    }
}
