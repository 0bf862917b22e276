package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LIST -R}, {@code NLST -R} and {@code STAT -R}, and what limits and defaults them:
 * Pure-FTPd's {@code -D} ({@code --displaydotfiles}) and {@code -L FILES:DEPTH}
 * ({@code --limitrecursion}), ProFTPD's {@code ListOptions} (mod_ls), per directory.
 */
class RecursiveListingTest {
    @TempDir
    Path dir;

    /** home: .profile, a.txt, sub/{b.txt, .hidden, deep/{c.txt, deeper/d.txt}}, zeta/z.txt */
    private static void tree(RulesServer server) throws IOException {
        Path home = server.home();
        Files.writeString(home.resolve(".profile"), "p");
        Files.writeString(home.resolve("a.txt"), "a");
        Files.createDirectories(home.resolve("sub/deep/deeper"));
        Files.writeString(home.resolve("sub/b.txt"), "b");
        Files.writeString(home.resolve("sub/.hidden"), "h");
        Files.writeString(home.resolve("sub/deep/c.txt"), "c");
        Files.writeString(home.resolve("sub/deep/deeper/d.txt"), "d");
        Files.createDirectories(home.resolve("zeta"));
        Files.writeString(home.resolve("zeta/z.txt"), "z");
    }

    /** The names at the end of LIST lines, and headings and empty lines as they are. */
    private static List<String> listed(RawFtpClient client, String command) {
        return RulesServer.names(client, command).stream()
                .map(line -> line.isEmpty() || line.endsWith(":") ? line : line.substring(line.lastIndexOf(' ') + 1))
                .toList();
    }

    @Test
    void listDashCapitalRListsEverySubdirectoryUnderItsHeadingDepthFirst() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            tree(server);
            assertThat(listed(client, "LIST -lR")).containsExactly(
                    ".:", "a.txt", "sub", "zeta",
                    "", "./sub:", "b.txt", "deep",
                    "", "./sub/deep:", "c.txt", "deeper",
                    "", "./sub/deep/deeper:", "d.txt",
                    "", "./zeta:", "z.txt");
            assertThat(listed(client, "LIST -R sub/")).containsExactly(
                    "sub:", "b.txt", "deep", "", "sub/deep:", "c.txt", "deeper", "", "sub/deep/deeper:", "d.txt");
            assertThat(listed(client, "LIST -aR sub")).containsExactly(
                    "sub:", ".hidden", "b.txt", "deep", "", "sub/deep:", "c.txt", "deeper",
                    "", "sub/deep/deeper:", "d.txt");
            assertThat(listed(client, "LIST")).containsExactly("a.txt", "sub", "zeta");
        }
    }

    @Test
    void nlstDashCapitalRNamesEveryFileByItsPath() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            tree(server);
            assertThat(RulesServer.names(client, "NLST -R")).containsExactly("a.txt", "sub", "zeta",
                    "sub/b.txt", "sub/deep", "sub/deep/c.txt", "sub/deep/deeper", "sub/deep/deeper/d.txt",
                    "zeta/z.txt");
            assertThat(RulesServer.names(client, "NLST -R zeta")).containsExactly("zeta/z.txt");
            RulesServer.Exchange retr = RulesServer.run(client, "RETR sub/deep/deeper/d.txt");
            assertThat(retr.data()).isEqualTo("d");
        }
    }

    @Test
    void statDashCapitalRListsOverTheControlConnection() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            tree(server);
            RawReply stat = client.command("STAT -R zeta");
            assertThat(stat.code()).isEqualTo(213);
            assertThat(stat.all()).contains("z.txt");
            RawReply top = client.command("STAT -R");
            assertThat(top.all()).contains("./sub/deep/deeper:").contains("d.txt");
        }
    }

    @Test
    void recursionNeverLeavesTheJailNorLoopsThroughALinkToAnAncestor() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir);
             RawFtpClient client = server.alice()) {
            tree(server);
            Files.createSymbolicLink(server.home().resolve("sub/loop"), server.home().resolve("sub"));
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), "s");
            Files.createSymbolicLink(server.home().resolve("zeta/escape"), outside);
            List<String> names = RulesServer.names(client, "NLST -R");
            assertThat(names).doesNotContain("zeta/escape/secret.txt").noneMatch(n -> n.contains("secret"));
            assertThat(names).noneMatch(n -> n.startsWith("sub/loop/"));
            assertThat(names).contains("sub/deep/deeper/d.txt");
        }
    }

    @Test
    void dashCapitalDListsDotFilesWithoutDashA() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "-D");
             RawFtpClient client = server.alice()) {
            tree(server);
            assertThat(RulesServer.names(client, "NLST")).containsExactly(".profile", "a.txt", "sub", "zeta");
            assertThat(listed(client, "LIST")).containsExactly(".profile", "a.txt", "sub", "zeta");
        }
    }

    @Test
    void dashCapitalLLimitsFilesAndDepth() throws IOException {
        try (RulesServer server = RulesServer.fromSwitches(dir, "--limitrecursion", "4:1");
             RawFtpClient client = server.alice()) {
            tree(server);
            // depth 1: sub and zeta are entered, sub/deep is not; 4 entries in all
            assertThat(RulesServer.names(client, "NLST -R")).containsExactly("a.txt", "sub", "zeta", "sub/b.txt");
        }
        try (RulesServer server = RulesServer.fromSwitches(dir.resolve("b"), "-L", "100:0");
             RawFtpClient client = server.alice()) {
            tree(server);
            assertThat(RulesServer.names(client, "NLST -R")).containsExactly("a.txt", "sub", "zeta");
        }
    }

    @Test
    void listOptionsGivesDefaultsStrictnessAndLimitsPerDirectory() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                ListOptions -a maxdepth 1
                <Directory DIR/data/home/alice/sub>
                  ListOptions "+R" strict
                </Directory>
                <Directory DIR/data/home/alice/zeta>
                  ListOptions "" maxfiles 1 NLSTOnly
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            tree(server);
            assertThat(RulesServer.names(client, "NLST")).containsExactly(".profile", "a.txt", "sub", "zeta");
            assertThat(RulesServer.names(client, "NLST -R")).containsExactly(".profile", "a.txt", "sub", "zeta",
                    "sub/.hidden", "sub/b.txt", "sub/deep", "zeta/z.txt");
            // strict: the client's -R and -a are ignored, and ListOptions there has neither
            assertThat(RulesServer.names(client, "NLST -aR sub")).containsExactly("sub/b.txt", "sub/deep");
            Files.writeString(server.home().resolve("zeta/y.txt"), "y");
            assertThat(RulesServer.names(client, "NLST zeta")).hasSize(1);
            assertThat(listed(client, "LIST zeta")).hasSize(1);
        }
    }

    @Test
    void badListOptionsAreRefusedWhenTheFileIsRead() {
        for (String bad : new String[] {"ListOptions -t", "ListOptions -a maxfiles", "ListOptions -a maxfiles 0",
                "ListOptions -a NoErrorIfAbsent", "ListOptions"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesServer.fromConfig(dir, bad + "\n"))
                    .as(bad).hasStackTraceContaining("ListOptions");
        }
    }
}
