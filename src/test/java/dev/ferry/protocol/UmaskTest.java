package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code Umask file-mask [dir-mask]} and Pure-FTPd's {@code -U FILES:DIRS}: new files
 * are 0666 and new directories 0777 without the masks' bits, whatever the server process's own
 * umask is.
 */
class UmaskTest {
    @TempDir
    Path dir;

    @Test
    void umask077MakesPrivateFilesAndDirectories() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "Umask 077\nAllowOverwrite on\n");
             RawFtpClient client = server.alice()) {
            TransferSupport.upload(client, RawMode.PASV, "STOR secret.txt", "x".getBytes());
            TransferSupport.upload(client, RawMode.PASV, "APPE new-log.txt", "x".getBytes());
            assertThat(client.command("MKD private").code()).isEqualTo(257);
            assertThat(mode(server.home().resolve("secret.txt"))).isEqualTo("rw-------");
            assertThat(mode(server.home().resolve("new-log.txt"))).isEqualTo("rw-------");
            assertThat(mode(server.home().resolve("private"))).isEqualTo("rwx------");
        }
    }

    @Test
    void aSecondValueIsTheDirectoriesUmask() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "Umask 022 077\n");
             RawFtpClient client = server.alice()) {
            TransferSupport.upload(client, RawMode.PASV, "STOR shared.txt", "x".getBytes());
            assertThat(client.command("XMKD own").code()).isEqualTo(257);
            assertThat(mode(server.home().resolve("shared.txt"))).isEqualTo("rw-r--r--");
            assertThat(mode(server.home().resolve("own"))).isEqualTo("rwx------");
        }
    }

    @Test
    void theProcessUmaskDoesNotWidenOrNarrowTheModes() throws IOException {
        // 000: new files 0666, which a process umask of 022 alone would have made 0644
        try (RulesServer server = RulesServer.fromSwitches(dir, "-U", "000:002", "-0");
             RawFtpClient client = server.alice()) {
            TransferSupport.upload(client, RawMode.PASV, "STOR open.txt", "x".getBytes());
            TransferSupport.upload(client, RawMode.PASV, "STOU", "y".getBytes());
            assertThat(client.command("MKD team").code()).isEqualTo(257);
            assertThat(mode(server.home().resolve("open.txt"))).isEqualTo("rw-rw-rw-");
            assertThat(mode(server.home().resolve("team"))).isEqualTo("rwxrwxr-x");
            try (var files = Files.list(server.home())) {
                Path stou = files.filter(p -> p.getFileName().toString().startsWith("ftp.")).findFirst().orElseThrow();
                assertThat(mode(stou)).isEqualTo("rw-rw-rw-");
            }
        }
    }

    @Test
    void withoutUmaskFilesAre0644AndDirectories0755() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            TransferSupport.upload(client, RawMode.PASV, "STOR plain.txt", "x".getBytes());
            assertThat(client.command("MKD plain").code()).isEqualTo(257);
            assertThat(mode(server.home().resolve("plain.txt"))).isEqualTo("rw-r--r--");
            assertThat(mode(server.home().resolve("plain"))).isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    void overwritingKeepsTheModeOfTheExistingFile() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-U", "077");
             RawFtpClient client = server.alice()) {
            Path shared = server.home().resolve("shared.txt");
            Files.writeString(shared, "old");
            Files.setPosixFilePermissions(shared, Set.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OTHERS_READ));
            TransferSupport.upload(client, RawMode.PASV, "STOR shared.txt", "new".getBytes());
            assertThat(shared).hasContent("new");
            assertThat(mode(shared)).isEqualTo("rw----r--");
        }
    }

    private static String mode(Path path) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
