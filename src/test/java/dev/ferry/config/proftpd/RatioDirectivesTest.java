package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.policy.ratio.Ratio;
import dev.ferry.policy.ratio.RatioRule;
import dev.ferry.policy.ratio.RatioRules;
import dev.ferry.policy.ratio.RatioTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD mod_ratio's directives: the FAQ's example, the order of kinds, and what is refused. */
class RatioDirectivesTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Files.createDirectories(dir.resolve("pub"));
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text.replace("DIR/", dir + "/"));
        return file;
    }

    private LoadedConfig load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), n -> Optional.empty());
    }

    @Test
    void theFaqExampleLoadsWithKindsInModRatiosOrder() throws Exception {
        // ProFTPD FAQ ch. 4 §12, with the comments on lines of their own
        RatioRules rules = load("""
                Ratios on
                GroupRatio proftpd 100 10 5 100000
                UserRatio ftp 0 0 0 0
                HostRatio master.debian.org 0 0 0 0
                ByteRatioErrMsg "Upload more"
                <Anonymous DIR/pub>
                  User ftp
                  AnonRatio *@example.org 1 0 0 0
                </Anonymous>
                """).config().main().limits().ratios();
        assertThat(rules.enabled()).isTrue();
        assertThat(rules.texts().byteRefusal()).contains("Upload more");
        assertThat(rules.rules()).extracting(RatioRule::target).extracting(t -> t.getClass().getSimpleName())
                .containsExactly("AnonymousPassword", "Host", "User", "Group");
        assertThat(rules.rules().getFirst().anonymousOnly()).isTrue();
        assertThat(rules.rules().get(1).anonymousOnly()).isFalse();
        assertThat(rules.rules().get(3)).isEqualTo(new RatioRule(rules.rules().get(3).target(), false,
                new Ratio(new Ratio.Share(1, 100), 10, new Ratio.Share(1, 5), 100_000L * 1024)));
        assertThat(rules.rules().get(2).target()).isEqualTo(new RatioTarget.User("ftp"));
        assertThat(load("Port 2121\n").config().main().limits().ratios()).isEqualTo(RatioRules.NONE);
    }

    @Test
    void rulesWithoutRatiosOnLoadWithANotice() throws Exception {
        LoadedConfig loaded = load("UserRatio * 1 0 0 0\n");
        assertThat(loaded.config().main().limits().ratios().enabled()).isFalse();
        assertThat(loaded.notices()).extracting(Object::toString)
                .anyMatch(n -> n.contains(":1:") && n.contains("ratio rules have no effect without 'Ratios on'"));
    }

    @Test
    void badValuesAndWhatFerryLacksAreErrors() throws Exception {
        Path file = write("""
                Ratios maybe
                UserRatio alice 1 0 0
                UserRatio alice 1 -1 0 0
                GroupRatio staff x 0 0 0
                SaveRatios on
                RatioFile /var/lib/ratios
                CwdRatioMsg "see http://example.org"
                <Directory DIR/pub>
                  UserRatio * 1 1 1 1
                </Directory>
                <Anonymous DIR/pub>
                  User ftp
                  Ratios on
                  LeechRatioMsg "hi"
                </Anonymous>
                SaveRatios off
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1: Ratios takes on or off")
                .hasMessageContaining(file + ":2: UserRatio takes five values")
                .hasMessageContaining(file + ":3: UserRatio takes a name, then file ratio")
                .hasMessageContaining(file + ":4: GroupRatio takes a name, then file ratio")
                .hasMessageContaining(file + ":5: SaveRatios on is not supported yet")
                .hasMessageContaining(file + ":6: RatioFile is not supported yet")
                .hasMessageContaining(file + ":7: CwdRatioMsg is not supported yet")
                .hasMessageContaining(file + ":9: UserRatio is not supported yet in <Directory>")
                .hasMessageContaining(file + ":13: Ratios belongs in the server context")
                .hasMessageContaining(file + ":14: LeechRatioMsg is not supported yet in <Anonymous>")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(":16:"));
    }
}
