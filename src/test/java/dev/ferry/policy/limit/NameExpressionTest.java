package dev.ferry.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.policy.limit.NameExpression.Mode;
import dev.ferry.policy.limit.NameExpression.Term;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameExpressionTest {

    @Test
    void commaListIsAndByDefault() {
        NameExpression e = NameExpression.parse("users,!staff");
        assertThat(e.mode()).isEqualTo(Mode.AND);
        assertThat(e.terms()).containsExactly(new Term("users", false), new Term("staff", true));
        assertThat(e.matches(Set.of("users"))).isTrue();
        assertThat(e.matches(Set.of("users", "ftp"))).isTrue();
        assertThat(e.matches(Set.of("users", "staff"))).isFalse();
        assertThat(e.matches(Set.of("ftp"))).isFalse();
        assertThat(e.matches(Set.of())).isFalse();
    }

    @Test
    void negationAloneHoldsForAnyoneWithoutTheName() {
        NameExpression e = NameExpression.parse("!anonftp");
        assertThat(e.matches(Set.of("users"))).isTrue();
        assertThat(e.matches(Set.of())).isTrue();
        assertThat(e.matches(Set.of("anonftp", "users"))).isFalse();
        assertThat(e.matches("anonftp")).isFalse();
    }

    @Test
    void orModeNeedsOneTerm() {
        NameExpression e = NameExpression.parse("alice,bob,chuck", Mode.OR);
        assertThat(e.matches("bob")).isTrue();
        assertThat(e.matches("dave")).isFalse();
        NameExpression withNegation = NameExpression.parse("www,!doc", Mode.OR);
        assertThat(withNegation.matches(Set.of("doc"))).isFalse();
        assertThat(withNegation.matches(Set.of("www", "doc"))).isTrue();
        assertThat(withNegation.matches(Set.of("other"))).isTrue();
    }

    @Test
    void leadingKeywordOverridesTheDefault() {
        assertThat(NameExpression.parse("OR www,doc").mode()).isEqualTo(Mode.OR);
        assertThat(NameExpression.parse("OR www,doc").matches(Set.of("doc"))).isTrue();
        assertThat(NameExpression.parse("and ftp,!admin", Mode.OR).mode()).isEqualTo(Mode.AND);
        assertThat(NameExpression.parse("and ftp,!admin", Mode.OR).matches(Set.of("ftp", "admin"))).isFalse();
        // a lone keyword is a name, as in ProFTPD
        assertThat(NameExpression.parse("OR").terms()).containsExactly(new Term("OR", false));
    }

    @Test
    void regexMatchesAnyNameUnanchored() {
        NameExpression e = NameExpression.parse("regex ^ftp_");
        assertThat(e.mode()).isEqualTo(Mode.REGEX);
        assertThat(e.matches("ftp_alice")).isTrue();
        assertThat(e.matches("alice_ftp_")).isFalse();
        assertThat(NameExpression.parse("REGEX sys").matches(Set.of("users", "wheelsys"))).isTrue();
        assertThat(NameExpression.parse("regex ^sys").matches(Set.of("users"))).isFalse();
        assertThat(NameExpression.parse("regex ^a").equals(NameExpression.parse("regex ^a"))).isTrue();
        assertThat(NameExpression.parse("regex ^a").hashCode()).isEqualTo(NameExpression.parse("regex ^a").hashCode());
        assertThat(NameExpression.parse("regex ^a")).isNotEqualTo(NameExpression.parse("regex ^b"));
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(NameExpression.parse("Staff").matches("staff")).isFalse();
        assertThat(NameExpression.parse("staff").matches("staff")).isTrue();
    }

    @Test
    void blanksSeparateTermsLikeCommas() {
        assertThat(NameExpression.parse("ftp , !admin  users").terms())
                .containsExactly(new Term("ftp", false), new Term("admin", true), new Term("users", false));
        assertThat(NameExpression.parse("users,!staff").toString()).isEqualTo("AND users,!staff");
    }

    @Test
    void malformedExpressionsAreRejected() {
        assertThatThrownBy(() -> NameExpression.parse("  ")).hasMessageContaining("empty expression");
        assertThatThrownBy(() -> NameExpression.parse(",,")).hasMessageContaining("names nobody");
        assertThatThrownBy(() -> NameExpression.parse("users,!")).hasMessageContaining("empty name");
        assertThatThrownBy(() -> NameExpression.parse("!!staff")).hasMessageContaining("double negation");
        assertThatThrownBy(() -> NameExpression.parse("regex (")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> NameExpression.parse("x", Mode.REGEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NameExpression(Mode.AND, List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
