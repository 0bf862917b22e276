package dev.ferry.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starQuestionAndClasses() {
        assertThat(Glob.matches("*", "", false)).isTrue();
        assertThat(Glob.matches("a*c", "abbbc", false)).isTrue();
        assertThat(Glob.matches("a*c", "abbbd", false)).isFalse();
        assertThat(Glob.matches("a?c", "abc", false)).isTrue();
        assertThat(Glob.matches("a?c", "ac", false)).isFalse();
        assertThat(Glob.matches("[a-c]x", "bx", false)).isTrue();
        assertThat(Glob.matches("[!a-c]x", "bx", false)).isFalse();
        assertThat(Glob.matches("[^a-c]x", "dx", false)).isTrue();
        assertThat(Glob.matches("[]]", "]", false)).isTrue();
        assertThat(Glob.matches("*.log", "a.b.log", false)).isTrue();
        assertThat(Glob.matches("\\*", "*", false)).isTrue();
        assertThat(Glob.matches("\\*", "x", false)).isFalse();
    }

    @Test
    void caseFoldingIsOptional() {
        assertThat(Glob.matches("*.EXAMPLE.com", "ftp.example.COM", true)).isTrue();
        assertThat(Glob.matches("*.EXAMPLE.com", "ftp.example.COM", false)).isFalse();
        assertThat(Glob.matches("[A-C]", "b", true)).isTrue();
    }

    @Test
    void wildcardDetectionAndValidation() {
        assertThat(Glob.hasWildcard("pub")).isFalse();
        assertThat(Glob.hasWildcard("pu?")).isTrue();
        assertThat(Glob.hasWildcard("a\\*")).isFalse();
        assertThatThrownBy(() -> Glob.validate("[abc")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Glob.validate("abc\\")).hasMessageContaining("escapes nothing");
    }
}
