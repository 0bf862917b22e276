package dev.ferry.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DirectoryPatternTest {

    private static boolean matches(String pattern, String path) {
        return DirectoryPattern.parse(pattern).matches(Path.of(path));
    }

    @Test
    void plainPathCoversItselfAndEverythingBelow() {
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub/incoming")).isTrue();
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub/incoming/file.txt")).isTrue();
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub/incoming/a/b/c")).isTrue();
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub")).isFalse();
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub/incoming2")).isFalse();
        assertThat(matches("/srv/ftp/pub/incoming", "/srv/ftp/pub/other/incoming")).isFalse();
    }

    @Test
    void trailingSlashStarCoversOnlyWhatIsBelow() {
        assertThat(matches("/srv/ftp/pub/incoming/*", "/srv/ftp/pub/incoming")).isFalse();
        assertThat(matches("/srv/ftp/pub/incoming/*", "/srv/ftp/pub/incoming/x")).isTrue();
        assertThat(matches("/srv/ftp/pub/incoming/*", "/srv/ftp/pub/incoming/x/y")).isTrue();
        assertThat(matches("/*", "/")).isFalse();
        assertThat(matches("/*", "/etc")).isTrue();
        assertThat(matches("/", "/")).isTrue();
        assertThat(matches("/", "/anything/at/all")).isTrue();
    }

    @Test
    void wildcardsStayInsideOneComponent() {
        assertThat(matches("/home/*/incoming", "/home/bob/incoming/x")).isTrue();
        assertThat(matches("/home/*/incoming", "/home/bob/incoming")).isTrue();
        assertThat(matches("/home/*/incoming", "/home/bob/outgoing")).isFalse();
        assertThat(matches("/home/*/incoming", "/home/a/b/incoming")).isFalse();
        assertThat(matches("/home/b?b/pub", "/home/bob/pub")).isTrue();
        assertThat(matches("/home/[a-c]*", "/home/carol/x")).isTrue();
        assertThat(matches("/home/[a-c]*", "/home/dave/x")).isFalse();
        assertThat(matches("/home/*.d", "/home/conf.d/a")).isTrue();
    }

    @Test
    void trailingAndDoubledSlashesAreTolerated() {
        assertThat(DirectoryPattern.parse("/srv/ftp/pub/incoming/").pattern()).isEqualTo("/srv/ftp/pub/incoming");
        assertThat(DirectoryPattern.parse("/srv//ftp///pub").pattern()).isEqualTo("/srv/ftp/pub");
        assertThat(DirectoryPattern.parse("/srv/ftp/*/").pattern()).isEqualTo("/srv/ftp/*");
        assertThat(DirectoryPattern.parse("/srv/ftp/pub/").equals(DirectoryPattern.parse("/srv/ftp/pub"))).isTrue();
        assertThat(matches("/srv/ftp/pub/", "/srv/ftp/pub/")).isTrue();
        assertThat(matches("/srv/ftp/pub", "/srv/ftp/pub/sub/../readme")).isTrue();
    }

    @Test
    void specificityPrefersDeeperThenLiteral() {
        int incoming = DirectoryPattern.parse("/srv/ftp/pub/incoming").specificity();
        int pub = DirectoryPattern.parse("/srv/ftp/pub").specificity();
        int ftpBelow = DirectoryPattern.parse("/srv/ftp/*").specificity();
        int ftp = DirectoryPattern.parse("/srv/ftp").specificity();
        assertThat(incoming).isGreaterThan(pub).isGreaterThan(ftpBelow);
        assertThat(pub).isGreaterThan(ftpBelow);
        assertThat(ftpBelow).isGreaterThan(ftp);
        assertThat(DirectoryPattern.parse("/home/bob/incoming").specificity())
                .isGreaterThan(DirectoryPattern.parse("/home/*/incoming").specificity());
        assertThat(DirectoryPattern.parse("/home/*/incoming").specificity())
                .isGreaterThan(DirectoryPattern.parse("/home/bob").specificity());
        assertThat(DirectoryPattern.parse("/").specificity()).isZero();
    }

    @Test
    void malformedPatternsAndPathsAreRejected() {
        assertThatThrownBy(() -> DirectoryPattern.parse("pub/incoming")).hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> DirectoryPattern.parse("~/anon-ftp")).hasMessageContaining("expand ~");
        assertThatThrownBy(() -> DirectoryPattern.parse("/srv/../etc")).hasMessageContaining("'..' components");
        assertThatThrownBy(() -> DirectoryPattern.parse("/srv/./ftp")).hasMessageContaining("'.' components");
        assertThatThrownBy(() -> DirectoryPattern.parse("/srv/[ftp")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> DirectoryPattern.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DirectoryPattern.parse("/srv").matches(Path.of("srv/ftp"))).hasMessageContaining("not an absolute path");
    }
}
