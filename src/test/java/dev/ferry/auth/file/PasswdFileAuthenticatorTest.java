package dev.ferry.auth.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.password.SystemCrypt;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's AuthUserFile and AuthGroupFile, as ftpasswd writes them. */
class PasswdFileAuthenticatorTest {
    @TempDir
    Path dir;
    private PasswdFileAuthenticator users;
    private static final InetAddress CLIENT = InetAddress.ofLiteral("192.0.2.7");

    @BeforeEach
    void files() throws Exception {
        String carol = SystemCrypt.crypt("carol-pw".toCharArray(), "$6$abcdefgh$").orElseThrow();
        String dave = SystemCrypt.crypt("dave-pw".toCharArray(), "$1$saltsalt$").orElseThrow();
        Path passwd = dir.resolve("ftpd.passwd");
        Files.writeString(passwd, "# made by ftpasswd\n"
                + "carol:" + carol + ":2001:3000::/srv/ftp/./carol:/bin/bash\n"
                + "dave:" + dave + ":2002:3001::/srv/ftp/dave:\n"
                + "locked:!" + carol + ":2003:3000::/srv/ftp/locked:/bin/false\n");
        Path group = dir.resolve("ftpd.group");
        Files.writeString(group, "customers:x:3000:\nstaff:x:3002:dave,carol\nother:x:3003:erin\n");
        users = new PasswdFileAuthenticator(passwd, Optional.of(group));
    }

    @Test
    void aUserOfTheFileLogsInWithItsHomeShellAndGroups() {
        assertThat(users.authenticate("carol", "carol-pw".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                AuthResult.Success.class, s -> {
                    assertThat(s.account().root()).isEqualTo(Path.of("/srv/ftp"));
                    assertThat(s.account().shell()).contains("/bin/bash");
                    assertThat(s.account().groups()).containsExactlyInAnyOrder("customers", "staff");
                });
        assertThat(users.authenticate("dave", "dave-pw".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                AuthResult.Success.class, s -> {
                    assertThat(s.account().shell()).isEmpty();
                    assertThat(s.account().groups()).containsExactly("staff");
                });
        assertThat(users.find("carol", CLIENT)).isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void wrongLockedAndUnknownAreTold() {
        assertThat(users.authenticate("carol", "dave-pw".toCharArray(), CLIENT)).isInstanceOf(AuthResult.Failure.class);
        assertThat(users.authenticate("locked", "carol-pw".toCharArray(), CLIENT)).isInstanceOfSatisfying(
                AuthResult.Failure.class, f -> assertThat(f.reason()).contains("locked"));
        assertThat(users.authenticate("erin", "x".toCharArray(), CLIENT)).isInstanceOf(AuthResult.NotApplicable.class);
        assertThat(new PasswdFileAuthenticator(dir.resolve("gone"), Optional.empty())
                .authenticate("carol", "carol-pw".toCharArray(), CLIENT)).isInstanceOf(AuthResult.Failure.class);
    }
}
