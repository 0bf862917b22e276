package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.ConfiguredServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code <Directory>} rule holds for its directory however the client reaches it. */
class DirectoryThroughSymlinkTest {
    @TempDir
    Path dir;
    private ConfiguredServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLinkInsideTheRootDoesNotWalkAroundARule() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ftp"));
        Files.createDirectories(root.resolve("private"));
        Files.writeString(root.resolve("private/secret.txt"), "secret");
        Files.writeString(root.resolve("open.txt"), "open");
        Files.createSymbolicLink(root.resolve("link"), root.resolve("private"));
        server = ConfiguredServer.start(dir, """
                Port @PORT@
                DefaultAddress 127.0.0.1
                <Anonymous @DIR@/ftp>
                  User ftp
                  <Directory private>
                    <Limit READ>
                      DenyAll
                    </Limit>
                  </Directory>
                </Anonymous>
                """);
        try (RawFtpClient raw = server.connect()) {
            raw.banner();
            raw.login("ftp", "me@example.com");
            raw.command("TYPE I");
            assertThat(TransferSupport.retrieve(raw, RawMode.PASV, "open.txt")).asString().isEqualTo("open");
            assertThat(raw.command("RETR private/secret.txt").code()).isEqualTo(550);
            assertThat(raw.command("RETR link/secret.txt").code()).isEqualTo(550);
            assertThat(raw.command("CWD link").code()).isEqualTo(250);
            assertThat(raw.command("RETR secret.txt").code()).isEqualTo(550);
        }
    }
}
