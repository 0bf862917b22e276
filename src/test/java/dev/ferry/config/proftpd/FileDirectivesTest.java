package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DirectoryConfig;
import dev.ferry.config.FileRules;
import dev.ferry.config.ServerConfig;
import dev.ferry.policy.limit.LimitSection;
import dev.ferry.policy.limit.NameExpression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file directives of ProFTPD's mod_core and mod_xfer as the loader reads them:
 * {@code HiddenStores}, {@code Umask}, {@code MaxStoreFileSize}, {@code MaxRetrieveFileSize},
 * {@code HideUser}, {@code HideGroup}, {@code HideNoAccess}, {@code IgnoreHidden},
 * {@code TimesGMT} and {@code DisplayChdir}; bad values are errors naming file:line.
 */
class FileDirectivesTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, "Port 2121\n" + text.replace("DIR/", dir + "/"));
        return file;
    }

    private ServerConfig load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), name -> Optional.empty())
                .config().main();
    }

    @Test
    void serverLevelDirectivesSetTheServersFileRules() throws Exception {
        FileRules files = load("""
                HiddenStores on
                Umask 027 077
                MaxStoreFileSize 3 Mb
                MaxRetrieveFileSize 1 Gb
                TimesGMT off
                DisplayChdir .message on
                """).files();
        assertThat(files.hiddenStores()).contains(".in.");
        assertThat(files.hiddenStoreName("x.iso")).contains(".in.x.iso.");
        assertThat(files.umask()).isEqualTo(0027);
        assertThat(files.directoryUmask()).isEqualTo(0077);
        assertThat(files.fileMode()).isEqualTo(0640);
        assertThat(files.directoryMode()).isEqualTo(0700);
        assertThat(files.maxStoreSize()).isEqualTo(3L << 20);
        assertThat(files.maxRetrieveSize()).isEqualTo(1L << 30);
        assertThat(files.timesGmt()).isFalse();
        assertThat(files.displayChdirOnce()).isTrue();
        assertThat(load("DisplayChdir .message\n").messages().displayChdir()).contains(".message");
    }

    @Test
    void theDefaultsAreProftpds() throws Exception {
        FileRules files = load("").files();
        assertThat(files.hiddenStores()).isEmpty();
        assertThat(files.fileMode()).isEqualTo(0644);
        assertThat(files.directoryMode()).isEqualTo(0755);
        assertThat(files.maxStoreSize()).isZero();
        assertThat(files.maxRetrieveSize()).isZero();
        assertThat(files.timesGmt()).isTrue();
        assertThat(files.hideUser()).isEmpty();
        assertThat(files.hideNoAccess()).isFalse();
        assertThat(load("Umask 0002\n").files().directoryMode()).isEqualTo(0775);
        assertThat(load("HiddenStores partial-\n").files().hiddenStoreName("a")).contains("partial-a.");
        assertThat(load("HiddenStores on\nHiddenStores off\n").files().hiddenStores()).isEmpty();
    }

    @Test
    void directoryAndAnonymousContextsTakeTheirOwnSettings() throws Exception {
        Files.createDirectories(dir.resolve("ftp"));
        ServerConfig server = load("""
                <Anonymous DIR/ftp>
                  User ftp
                  HideUser root
                  HideUser !~
                  HideGroup wheel
                  HideNoAccess on
                  Umask 022
                  DisplayChdir README
                  <Limit DIRS>
                    IgnoreHidden on
                  </Limit>
                </Anonymous>
                <Directory /srv/pub>
                  HiddenStores .upload.
                  MaxStoreFileSize *
                  DisplayChdir .msg
                  <Limit RETR>
                    IgnoreHidden off
                    DenyAll
                  </Limit>
                </Directory>
                """);
        AnonymousConfig area = server.anonymous().getFirst();
        assertThat(area.files().hideUser()).contains(new NameExpression(NameExpression.Mode.OR,
                List.of(new NameExpression.Term("root", false), new NameExpression.Term("~", true)), Optional.empty()));
        assertThat(area.files().hideGroup().orElseThrow().terms()).containsExactly(new NameExpression.Term("wheel", false));
        assertThat(area.files().hideNoAccess()).isTrue();
        assertThat(area.messages().displayChdir()).contains("README");
        LimitSection dirs = area.access().limits().sections().getFirst();
        assertThat(dirs.ignoreHidden()).contains(true);
        DirectoryConfig pub = server.access().directories().getFirst();
        assertThat(pub.files().hiddenStores()).contains(Optional.of(".upload."));
        assertThat(pub.files().maxStoreSize()).contains(0L);
        assertThat(pub.displayChdir()).contains(".msg");
        assertThat(pub.files().displayChdirOnce()).contains(false);
        assertThat(pub.limits().sections().getFirst().ignoreHidden()).contains(false);
    }

    @Test
    void badValuesAreErrorsWithTheirLine() throws Exception {
        Path file = write("""
                HiddenStores .in. .part
                HiddenStores in/coming
                Umask 999
                Umask 022 077 007
                MaxStoreFileSize 10 XB
                MaxStoreFileSize 50 Kb user anonymous
                MaxRetrieveFileSize * group staff
                HideUser root,daemon
                HideGroup
                HideNoAccess maybe
                TimesGMT sometimes
                DisplayChdir /etc/motd
                DisplayChdir .message always
                IgnoreHidden on
                <Limit RETR>
                  IgnoreHidden perhaps
                </Limit>
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2: HiddenStores with a suffix is not supported yet")
                .hasMessageContaining(file + ":3: HiddenStores prefix must be part of a file name")
                .hasMessageContaining(file + ":4: Umask takes an octal mask such as 022, not '999'")
                .hasMessageContaining(file + ":5: Umask takes 1 to 2 arguments, got 3")
                .hasMessageContaining(file + ":6: MaxStoreFileSize unit must be B, KB, MB, GB or TB, not 'XB'")
                .hasMessageContaining(file + ":7: MaxStoreFileSize for a user, group or class is not supported yet")
                .hasMessageContaining(file + ":8: MaxRetrieveFileSize for a user, group or class is not supported yet")
                .hasMessageContaining(file + ":9: HideUser takes one name, !name, ~ or !~, not 'root,daemon'")
                .hasMessageContaining(file + ":10: HideGroup takes one argument, got 0")
                .hasMessageContaining(file + ":11: HideNoAccess takes on or off, not 'maybe'")
                .hasMessageContaining(file + ":12: TimesGMT takes on or off, not 'sometimes'")
                .hasMessageContaining(file + ":13: DisplayChdir takes a file name looked up in each directory")
                .hasMessageContaining(file + ":14: DisplayChdir takes on or off, not 'always'")
                .hasMessageContaining(file + ":15: IgnoreHidden is not allowed in the server context; it belongs "
                        + "in a <Limit> block")
                .hasMessageContaining(file + ":17: IgnoreHidden takes on or off, not 'perhaps'");
    }
}
