package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code DisplayChdir file [on]} (mod_core): the file's text opens the 250 reply to
 * CWD and CDUP in a directory that holds it; every time by default, with {@code on} only the
 * first time in a session (and again once the file has changed).
 */
class DisplayChdirTest {
    @TempDir
    Path dir;

    private static void message(Path directory, String text) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(".message"), text);
    }

    @Test
    void theFileIsShownAtEveryChangeIntoItsDirectory() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "DisplayChdir .message\n");
             RawFtpClient client = server.alice()) {
            message(server.home().resolve("docs"), "Welcome to the docs.\nRead the README first.\n");
            Files.createDirectories(server.home().resolve("docs/sub"));
            assertThat(client.command("CWD docs").lines()).containsExactly(
                    "250-Welcome to the docs.", "Read the README first.", "250 Directory changed to /docs");
            assertThat(client.command("CWD sub").lines()).containsExactly("250 Directory changed to /docs/sub");
            assertThat(client.command("CDUP").lines()).containsExactly(
                    "250-Welcome to the docs.", "Read the README first.", "250 Directory changed to /docs");
            assertThat(client.command("CWD /docs").lines()).hasSize(3);
        }
    }

    @Test
    void withOnTheFileIsShownOnceUnlessItChanges() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "DisplayChdir .message on\n")) {
            Path docs = server.home().resolve("docs");
            message(docs, "Welcome.");
            try (RawFtpClient client = server.alice()) {
                assertThat(client.command("CWD docs").lines()).containsExactly("250-Welcome.",
                        "250 Directory changed to /docs");
                assertThat(client.command("CWD /").lines()).containsExactly("250 Directory changed to /");
                assertThat(client.command("CWD docs").lines()).containsExactly("250 Directory changed to /docs");
                Files.writeString(docs.resolve(".message"), "Changed.");
                Files.setLastModifiedTime(docs.resolve(".message"), FileTime.from(Instant.now().plusSeconds(60)));
                assertThat(client.command("CWD .").lines()).containsExactly("250-Changed.",
                        "250 Directory changed to /docs");
                assertThat(client.command("CWD .").lines()).containsExactly("250 Directory changed to /docs");
            }
            try (RawFtpClient next = server.alice()) { // a new session starts over
                assertThat(next.command("CWD docs").lines()).containsExactly("250-Changed.",
                        "250 Directory changed to /docs");
                // and so does a new login on the same connection (RFC 959 §4.1.1, REIN)
                assertThat(next.command("REIN").code()).isEqualTo(220);
                next.login(RulesServer.USER, RulesServer.PASSWORD);
                assertThat(next.command("CWD /docs").lines()).containsExactly("250-Changed.",
                        "250 Directory changed to /docs");
                assertThat(next.command("CWD /docs").lines()).containsExactly("250 Directory changed to /docs");
            }
        }
    }

    @Test
    void aDirectoryCanNameItsOwnFile() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                DisplayChdir .message
                <Directory DIR/data/home/alice/special>
                  DisplayChdir README
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            message(server.home().resolve("special"), "not this one");
            Files.writeString(server.home().resolve("special/README"), "but this one");
            assertThat(client.command("CWD special").lines()).containsExactly("250-but this one",
                    "250 Directory changed to /special");
        }
    }

    @Test
    void aLinkOutOfTheJailShowsNothing() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "host secret");
        try (RulesServer server = RulesServer.fromConfig(dir, "DisplayChdir .message\n");
             RawFtpClient client = server.alice()) {
            Path docs = Files.createDirectories(server.home().resolve("docs"));
            Files.createSymbolicLink(docs.resolve(".message"), outside);
            assertThat(client.command("CWD docs").lines()).containsExactly("250 Directory changed to /docs");
        }
    }
}
