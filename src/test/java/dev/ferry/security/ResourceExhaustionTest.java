package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEC-DOS-01 and 03 (catalogue §I): wildcard patterns cost time linear in the names they are
 * matched against, and repeated PASV commands do not hoard listeners.
 */
class ResourceExhaustionTest {
    @TempDir
    static Path temp;
    static Jail jail;

    @BeforeAll
    static void start() throws IOException {
        jail = Jail.start(temp);
        // Names that a backtracking matcher would have to try every split of.
        for (int i = 0; i < 5; i++) {
            Files.writeString(jail.home().resolve("x".repeat(40 + i)), "x");
        }
    }

    @AfterAll
    static void stop() {
        jail.close();
    }

    @Test
    void ordinaryWildcardsWork() {
        try (RawFtpClient c = jail.alice()) {
            Exchange nlst = Jail.run(c, "NLST *.txt");
            assertThat(nlst.code()).isEqualTo(226);
            assertThat(nlst.dataText()).contains("keep.txt", "secret.txt").doesNotContain("xxxx");
            assertThat(Jail.run(c, "NLST s?cr[e]t.*").dataText()).contains("secret.txt");
            assertThat(Jail.run(c, "NLST [!k]*.txt").dataText()).contains("secret.txt").doesNotContain("keep.txt");
            assertThat(Jail.run(c, "LIST [[[[[[[[[[").code()).isIn(226, 550);
            assertThat(c.command("STAT {{*},{*},{*},{*},{*},{*}}").code()).isIn(213, 550);
        }
    }

    /**
     * CVE-2011-0762 (vsftpd) / CVE-2011-0418 (Pure-FTPd) class. A glob compiled to a
     * backtracking regex (one ".*" per star) takes exponential time on a name that does not
     * match: with JDK 25, ".*" x 8 + "a" against a 40-character name took 1.4 s and x 10 took 54 s,
     * so the 16 stars below would pin a core for hours per name. The matcher must be linear.
     */
    @Test
    void starBombsFinishQuickly() {
        try (RawFtpClient c = jail.alice()) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (String pattern : List.of("*".repeat(16) + "a", "*x".repeat(12) + "a", "*?*?*?*?*?*?*?*?*?*?a")) {
                    Exchange x = Jail.run(c, "NLST " + pattern);
                    assertThat(x.code()).as(pattern).isIn(226, 550);
                }
            });
        }
    }

    /** SEC-DOS-03 (a): every PASV replaces the previous listener, so a thousand of them are fine. */
    @Test
    void repeatedPasvReleasesEarlierListeners() {
        try (RawFtpClient c = jail.alice()) {
            for (int i = 0; i < 500; i++) {
                assertThat(c.command(i % 2 == 0 ? "PASV" : "EPSV").code()).as("attempt %d", i).isIn(227, 229);
            }
            Exchange list = Jail.run(c, "LIST");
            assertThat(list.code()).isEqualTo(226);
            assertThat(list.dataText()).contains("keep.txt");
        }
    }
}
