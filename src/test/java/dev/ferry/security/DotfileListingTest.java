package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dot-files (catalogue §E): plain listings hide them as {@code ls} does, {@code -a} shows them,
 * and for a user in their own home they remain ordinary files. MLSD has no {@code -a} and shows
 * them (RFC 3659 §7: mirroring clients need every entry).
 */
class DotfileListingTest {
    @TempDir
    Path temp;
    Jail jail;

    @BeforeEach
    void start() throws IOException {
        jail = Jail.start(temp);
        Files.writeString(jail.home().resolve(".hidden"), "dot\n");
        Files.createDirectories(jail.home().resolve(".config"));
    }

    @AfterEach
    void stop() {
        jail.close();
    }

    @Test
    void listHidesDotfilesUnlessAskedFor() {
        try (RawFtpClient c = jail.alice()) {
            for (String plain : new String[] {"LIST", "LIST /", "LIST -l", "NLST", "NLST /"}) {
                Exchange x = Jail.run(c, plain);
                assertThat(x.code()).as(plain).isEqualTo(226);
                assertThat(x.dataText()).as(plain).contains("keep.txt").doesNotContain(".hidden", ".config");
            }
            for (String all : new String[] {"LIST -a", "LIST -la", "LIST -al /", "LIST -A", "NLST -a"}) {
                Exchange x = Jail.run(c, all);
                assertThat(x.code()).as(all).isEqualTo(226);
                assertThat(x.dataText()).as(all).contains("keep.txt", ".hidden", ".config");
            }
            assertThat(c.command("STAT /").all()).doesNotContain(".hidden");
            assertThat(c.command("STAT -a /").all()).contains(".hidden");
            assertThat(Jail.run(c, "MLSD").dataText()).contains(".hidden", ".config");
        }
    }

    @Test
    void dotfilesStayOrdinaryFilesForTheirOwner() {
        try (RawFtpClient c = jail.alice()) {
            Exchange retr = Jail.run(c, "RETR .hidden");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.dataText()).isEqualTo("dot\n");
            assertThat(c.command("CWD .config").code()).isEqualTo(250);
            assertThat(Jail.run(c, "STOR .settings").code()).isEqualTo(226);
        }
        assertThat(jail.home().resolve(".config/.settings")).exists();
    }
}
