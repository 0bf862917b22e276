package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code HideUser}, {@code HideGroup}, {@code HideNoAccess} and {@code IgnoreHidden}
 * (mod_core): listings (LIST, NLST, MLSD, STAT) leave hidden entries out; other commands still
 * reach them unless a {@code <Limit>} for the command says {@code IgnoreHidden on}, which makes
 * them "No such file or directory". The test's files belong to whoever runs the tests, so the
 * rules name that owner and group.
 */
class HiddenEntriesTest {
    @TempDir
    Path dir;
    private String owner;
    private String group;

    @BeforeEach
    void owner() throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        owner = attributes.owner().getName();
        group = attributes.group().getName();
    }

    private RulesServer start(String config) throws IOException {
        RulesServer server = RulesServer.fromConfig(dir, config.replace("OWNER", owner).replace("GROUP", group));
        for (String sub : new String[] {"by-user", "by-group", "not-by-user", "everything", "ignored"}) {
            Path d = Files.createDirectories(server.home().resolve(sub));
            Files.writeString(d.resolve("file.txt"), "content of " + sub);
            Files.createDirectories(d.resolve("sub"));
        }
        return server;
    }

    private static final String HIDE_BY_OWNER = """
            <Directory DIR/data/home/alice/by-user>
              HideUser OWNER
            </Directory>
            <Directory DIR/data/home/alice/by-group>
              HideGroup GROUP
            </Directory>
            <Directory DIR/data/home/alice/not-by-user>
              HideUser !OWNER
            </Directory>
            <Directory DIR/data/home/alice/everything>
              HideUser !~
            </Directory>
            """;

    @Test
    void hideUserAndHideGroupLeaveMatchingEntriesOutOfEveryListing() throws IOException {
        try (RulesServer server = start(HIDE_BY_OWNER);
             RawFtpClient client = server.alice()) {
            for (String hidden : new String[] {"by-user", "by-group", "everything"}) {
                assertThat(RulesServer.names(client, "NLST " + hidden)).as(hidden).isEmpty();
                assertThat(RulesServer.names(client, "LIST -a " + hidden)).as(hidden).isEmpty();
                assertThat(RulesServer.names(client, "MLSD " + hidden)).as(hidden).isEmpty();
                assertThat(client.command("STAT " + hidden).lines()).as(hidden)
                        .containsExactly("213-Status of /" + hidden + ":", "213 End of status");
                assertThat(RulesServer.names(client, "NLST " + hidden + "/file.txt")).as(hidden).isEmpty();
            }
            assertThat(RulesServer.names(client, "NLST not-by-user"))
                    .containsExactly("not-by-user/file.txt", "not-by-user/sub");
            assertThat(RulesServer.names(client, "MLSD not-by-user")).containsExactly("file.txt", "sub");
            // each entry is judged by its own context, as ProFTPD does: a <Directory> with HideUser
            // hides the directory itself too, when its owner matches
            assertThat(RulesServer.names(client, "NLST")).contains("not-by-user", "ignored")
                    .doesNotContain("by-user", "by-group", "everything");
        }
    }

    @Test
    void hiddenEntriesCanStillBeUsedWithoutIgnoreHidden() throws IOException {
        try (RulesServer server = start(HIDE_BY_OWNER);
             RawFtpClient client = server.alice()) {
            RulesServer.Exchange retr = RulesServer.run(client, "RETR by-user/file.txt");
            assertThat(retr.code()).isEqualTo(226);
            assertThat(retr.data()).isEqualTo("content of by-user");
            assertThat(client.command("CWD by-group/sub").code()).isEqualTo(250);
            assertThat(client.command("SIZE /everything/file.txt").code()).isEqualTo(213);
        }
    }

    @Test
    void ignoreHiddenMakesHiddenEntriesMissingForTheLimitedCommands() throws IOException {
        try (RulesServer server = start("""
                <Directory DIR/data/home/alice/ignored>
                  HideUser OWNER
                  <Limit RETR CWD>
                    IgnoreHidden on
                  </Limit>
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            RawReply retr = client.command("RETR ignored/file.txt");
            assertThat(retr.code()).isEqualTo(550);
            assertThat(retr.text()).isEqualTo("No such file or directory");
            RawReply cwd = client.command("CWD ignored/sub");
            assertThat(cwd.code()).isEqualTo(550);
            assertThat(cwd.text()).isEqualTo("No such file or directory");
            assertThat(client.command("XCWD /ignored/sub").code()).isEqualTo(550); // XCWD is CWD
            // the <Directory> covers the directory itself: hidden in the home's listing, and missing for CWD
            assertThat(client.command("CWD ignored").text()).isEqualTo("No such file or directory");
            assertThat(RulesServer.names(client, "NLST")).doesNotContain("ignored").contains("by-user");
            // commands the block does not name are not affected
            assertThat(client.command("SIZE ignored/file.txt").code()).isEqualTo(213);
            assertThat(RulesServer.run(client, "LIST ignored").code()).isEqualTo(226);
        }
    }

    @Test
    void ignoreHiddenOffInAnInnerBlockWins() throws IOException {
        try (RulesServer server = start("""
                <Limit RETR>
                  IgnoreHidden on
                </Limit>
                <Directory DIR/data/home/alice/ignored>
                  HideUser OWNER
                  <Limit RETR>
                    IgnoreHidden off
                  </Limit>
                </Directory>
                <Directory DIR/data/home/alice/by-user>
                  HideUser OWNER
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            assertThat(RulesServer.run(client, "RETR ignored/file.txt").code()).isEqualTo(226);
            assertThat(client.command("RETR by-user/file.txt").code()).isEqualTo(550);
        }
    }

    @Test
    void hideNoAccessLeavesOutWhatTheUserMayNotEnterOrRead() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                <Directory DIR/data/home/alice/pub>
                  HideNoAccess on
                </Directory>
                <Directory DIR/data/home/alice/pub/secret>
                  <Limit CWD>
                    DenyAll
                  </Limit>
                </Directory>
                <Directory DIR/data/home/alice/pub/locked>
                  <Limit READ>
                    DenyAll
                  </Limit>
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            Path pub = server.home().resolve("pub");
            Files.createDirectories(pub.resolve("secret"));
            Files.createDirectories(pub.resolve("open"));
            Files.createDirectories(pub.resolve("locked"));
            Files.writeString(pub.resolve("readme.txt"), "hello");
            Files.writeString(pub.resolve("locked/data.bin"), "locked");
            Files.createDirectories(pub.resolve("locked/inner"));
            assertThat(RulesServer.names(client, "MLSD pub")).containsExactly("locked", "open", "readme.txt");
            assertThat(RulesServer.names(client, "NLST pub")).containsExactly("pub/locked", "pub/open", "pub/readme.txt");
            assertThat(RulesServer.names(client, "NLST pub/locked")).containsExactly("pub/locked/inner");
            // HideNoAccess only hides: a command on the entry gets the usual refusal
            assertThat(client.command("CWD pub/secret").text()).isEqualTo("Permission denied");
        }
    }

    @Test
    void hideNoAccessWithIgnoreHiddenMakesTheEntryInvisibleToo() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, """
                <Directory DIR/data/home/alice/pub>
                  HideNoAccess on
                  <Limit CWD>
                    IgnoreHidden on
                  </Limit>
                </Directory>
                <Directory DIR/data/home/alice/pub/secret>
                  <Limit CWD>
                    DenyAll
                  </Limit>
                </Directory>
                """);
             RawFtpClient client = server.alice()) {
            Files.createDirectories(server.home().resolve("pub/secret"));
            RawReply cwd = client.command("CWD pub/secret");
            assertThat(cwd.code()).isEqualTo(550);
            assertThat(cwd.text()).isEqualTo("No such file or directory");
        }
    }
}
