package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.password.SystemCrypt;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code AuthUserFile} and {@code AuthGroupFile} (mod_auth_file) over FTP: the file's
 * users log in with their crypt(3) passwords into their homes, its groups count in
 * {@code <Limit>}, and {@code AuthOrder} places it among the other sources.
 */
class AuthUserFileTest {
    @TempDir
    Path dir;
    private Path carolHome;

    @BeforeEach
    void files() throws IOException {
        carolHome = Files.createDirectories(dir.resolve("carol-home"));
        String hash = SystemCrypt.crypt("carol-pw".toCharArray(), "$6$abcdefgh$").orElseThrow();
        Files.writeString(dir.resolve("ftpd.passwd"), "carol:" + hash + ":2001:3000::" + carolHome + ":/bin/bash\n");
        Files.writeString(dir.resolve("ftpd.group"), "customers:x:3000:\n");
    }

    @Test
    void theFilesUsersLogInAndTheirGroupsCount() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                AuthUserFile DIR/ftpd.passwd
                AuthGroupFile DIR/ftpd.group
                AllowOverwrite on
                <Limit MKD>
                  DenyGroup customers
                </Limit>
                """)) {
            try (RawFtpClient carol = server.connect()) {
                carol.login("carol", "carol-pw");
                carol.command("TYPE I");
                TransferSupport.upload(carol, RawMode.PASV, "STOR report.txt", "from carol".getBytes());
                assertThat(carolHome.resolve("report.txt")).hasContent("from carol");
                assertThat(carol.command("MKD archive").code()).isEqualTo(550);
            }
            try (RawFtpClient wrong = server.connect()) {
                wrong.command("USER carol");
                assertThat(wrong.command("PASS guess").code()).isEqualTo(530);
            }
            try (RawFtpClient alice = server.alice()) { // not in the file: Ferry's own users are asked next
                assertThat(alice.command("PWD").code()).isEqualTo(257);
            }
        }
    }

    @Test
    void authOrderWithTheFileAloneLeavesOthersOut() {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                AuthUserFile DIR/ftpd.passwd
                AuthOrder mod_auth_file.c
                """);
             RawFtpClient alice = server.connect()) {
            alice.command("USER alice");
            assertThat(alice.command("PASS alice-secret").code()).isEqualTo(530);
        }
    }

    @Test
    void aWorldWritableFileOrAGroupFileAloneIsRefused() throws IOException {
        Files.setPosixFilePermissions(dir.resolve("ftpd.passwd"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> RulesServer.fromConfig(dir, "AuthUserFile DIR/ftpd.passwd\n"))
                .hasStackTraceContaining("is world-writable");
        assertThatThrownBy(() -> RulesServer.fromConfig(dir, "AuthGroupFile DIR/ftpd.group\n"))
                .hasStackTraceContaining("AuthGroupFile without AuthUserFile");
        assertThatThrownBy(() -> RulesServer.fromConfig(dir, "AuthUserFile DIR/missing\n"))
                .hasStackTraceContaining("is not a file");
    }
}
