package dev.ferry.command.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*.txt|a.txt|true",
        "*.txt|a.txt.gz|false",
        "a?c|abc|true",
        "a?c|ac|false",
        "*|''|true",
        "a*b*c|aXXbYYc|true",
        "a*b*c|aXXbYY|false",
        "[abc]x|bx|true",
        "[!abc]x|bx|false",
        "[^abc]x|dx|true",
        "[a-c]*|cat|true",
        "[z-a]*|zebra|false",
        "[]a]*|]x|true",
        "[|[|true",
        "[!]|[!]|true",
        "**a|ba|true",
        "✓*|✓ ok|true",
        "?|😀|true",
    })
    void matchesLikeFnmatch(String pattern, String name, boolean expected) {
        assertThat(Glob.compile(pattern).matches(name)).isEqualTo(expected);
    }

    /** A backtracking regex takes minutes on this; the matcher must take microseconds. */
    @Test
    void hostilePatternDoesNotBacktrackExponentially() {
        String pattern = "*a".repeat(30) + "*b";
        String name = "a".repeat(250);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(Glob.compile(pattern).matches(name)).isFalse());
    }
}
