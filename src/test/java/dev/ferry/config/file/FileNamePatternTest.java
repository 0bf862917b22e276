package dev.ferry.config.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** fnmatch(3)-style matching of Include wildcards against one file name. */
class FileNamePatternTest {

    private static boolean matches(String pattern, String name) {
        return FileNamePattern.compile(pattern).matches(name);
    }

    @Test
    void starAndQuestionMark() {
        assertThat(matches("*.conf", "tls.conf")).isTrue();
        assertThat(matches("*.conf", "tls.conf.bak")).isFalse();
        assertThat(matches("*", "anything")).isTrue();
        assertThat(matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(matches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(matches("??-*.conf", "10-a.conf")).isTrue();
        assertThat(matches("??-*.conf", "1-a.conf")).isFalse();
        assertThat(matches("*", "")).isTrue();
    }

    @Test
    void leadingDotMustBeMatchedLiterally() {
        assertThat(matches("*", ".hidden")).isFalse();
        assertThat(matches("?hidden", ".hidden")).isFalse();
        assertThat(matches("[.]hidden", ".hidden")).isFalse();
        assertThat(matches(".*", ".hidden")).isTrue();
        assertThat(matches("*.conf", "a..conf")).isTrue();
    }

    @Test
    void bracketSets() {
        assertThat(matches("[12]0-*.conf", "20-x.conf")).isTrue();
        assertThat(matches("[12]0-*.conf", "30-x.conf")).isFalse();
        assertThat(matches("[a-c]x", "bx")).isTrue();
        assertThat(matches("[a-c]x", "dx")).isFalse();
        assertThat(matches("[!a-c]x", "dx")).isTrue();
        assertThat(matches("[^a-c]x", "ax")).isFalse();
        assertThat(matches("[]]x", "]x")).isTrue();
        assertThat(matches("[ab", "[ab")).isTrue();
        assertThat(matches("[ab", "a")).isFalse();
    }

    @Test
    void backslashMakesAWildcardLiteral() {
        assertThat(matches("a\\*b", "a*b")).isTrue();
        assertThat(matches("a\\*b", "axb")).isFalse();
    }

    @Test
    void wildcardDetection() {
        assertThat(FileNamePattern.hasWildcard("tls.conf")).isFalse();
        assertThat(FileNamePattern.hasWildcard("*.conf")).isTrue();
        assertThat(FileNamePattern.hasWildcard("a?.conf")).isTrue();
        assertThat(FileNamePattern.hasWildcard("[ab].conf")).isTrue();
    }
}
