package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.FakeAuthd;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure-FTPd's {@code -l extauth:SOCKET} over FTP: pure-authd decides about the names it knows,
 * the next source about the others ({@code auth_ok:0}), and nobody else about a name it refuses.
 */
class ExtAuthAccountsTest {
    @TempDir
    Path dir;

    private FakeAuthd authd(Path carolHome) throws IOException {
        return new FakeAuthd(dir.resolve("ftpd.sock"), request -> switch (FakeAuthd.field(request, "account")) {
            case "carol" -> "carol-pw".equals(FakeAuthd.field(request, "password"))
                    ? "auth_ok:1\nuid:1001\ngid:1001\ndir:" + carolHome + "\nend\n" : "auth_ok:-1\nend\n";
            case "alice" -> "auth_ok:0\nend\n";
            default -> "auth_ok:-1\nend\n";
        });
    }

    @Test
    void pureAuthdDecidesAboutItsUsersAndPassesTheOthersOn() throws IOException {
        Path carolHome = Files.createDirectories(dir.resolve("carol-home"));
        try (FakeAuthd authd = authd(carolHome);
             RulesServer server = RulesServer.fromSwitches(dir.resolve("s"), "-l", "extauth:" + authd.socket(),
                     "-l", "puredb")) {
            try (RawFtpClient carol = server.connect()) {
                carol.login("carol", "carol-pw");
                carol.command("TYPE I");
                TransferSupport.upload(carol, RawMode.PASV, "STOR hello.txt", "from carol".getBytes());
                assertThat(carolHome.resolve("hello.txt")).hasContent("from carol");
            }
            try (RawFtpClient wrong = server.connect()) {
                assertThat(wrong.command("USER carol").code()).isEqualTo(331);
                assertThat(wrong.command("PASS guess").code()).isEqualTo(530);
            }
            try (RawFtpClient alice = server.alice()) {
                assertThat(alice.command("PWD").code()).isEqualTo(257); // auth_ok:0, then Ferry's own users
            }
        }
    }

    @Test
    void withPureAuthdAloneAnUnknownNameIsRefused() throws IOException {
        try (FakeAuthd authd = authd(Files.createDirectories(dir.resolve("carol-home")));
             RulesServer server = RulesServer.fromSwitches(dir.resolve("s"), "-l", "extauth:" + authd.socket());
             RawFtpClient alice = server.connect()) {
            assertThat(alice.command("USER alice").code()).isEqualTo(331);
            assertThat(alice.command("PASS alice-secret").code()).isEqualTo(530);
        }
    }
}
