package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupNamesTest {

    @Test
    void sameCharactersAsUserNames() {
        assertThat(GroupNames.isValid("staff")).isTrue();
        assertThat(GroupNames.isValid("web_dev.team-1@site")).isTrue();
        assertThat(GroupNames.isValid("_x")).isTrue();
        assertThat(GroupNames.isValid("a".repeat(64))).isTrue();
        assertThat(GroupNames.isValid("a".repeat(65))).isFalse();
        assertThat(GroupNames.isValid("")).isFalse();
        assertThat(GroupNames.isValid(null)).isFalse();
        assertThat(GroupNames.isValid(".hidden")).isFalse();
        assertThat(GroupNames.isValid("-x")).isFalse();
        assertThat(GroupNames.isValid("a b")).isFalse();
        assertThat(GroupNames.isValid("a/b")).isFalse();
    }

    @Test
    void expressionSyntaxIsNotAName() {
        assertThat(GroupNames.isValid("!staff")).isFalse();
        assertThat(GroupNames.isValid("users,staff")).isFalse();
        assertThatThrownBy(() -> GroupNames.requireValid("!staff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid group name '!staff': '!' negates a group in configuration expressions"
                        + " and cannot start a name");
        assertThatThrownBy(() -> GroupNames.requireValid("a,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid group name 'a,b': one name only; ',' separates names in a list");
        assertThatThrownBy(() -> GroupNames.requireValid("a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid group name 'a b': use 1-64 characters from A-Z a-z 0-9 _ . @ -"
                        + " (not starting with . @ -)");
        assertThat(GroupNames.requireValid("staff")).isEqualTo("staff");
    }

    @Test
    void parseListSortsAndDropsDuplicates() {
        assertThat(GroupNames.parseList("users,staff,users")).containsExactly("staff", "users");
        assertThat(GroupNames.parseList(" users , staff ")).containsExactly("staff", "users");
        assertThat(GroupNames.parseList("staff")).containsExactly("staff");
        assertThat(GroupNames.parseList("")).isEmpty();
        assertThat(GroupNames.parseList("  ")).isEmpty();
        assertThat(GroupNames.parseList(null)).isEmpty();
    }

    @Test
    void parseListRejectsEmptyAndInvalidNames() {
        assertThatThrownBy(() -> GroupNames.parseList("users,,staff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid group list 'users,,staff': empty group name");
        assertThatThrownBy(() -> GroupNames.parseList("users,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid group list 'users,': empty group name");
        assertThatThrownBy(() -> GroupNames.parseList("users,!staff"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid group name '!staff'");
    }

    @Test
    void parsedListIsUnmodifiable() {
        Set<String> groups = GroupNames.parseList("a,b");
        assertThatThrownBy(() -> groups.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void formatListIsSortedAndInvertsParse() {
        assertThat(GroupNames.formatList(new LinkedHashSet<>(List.of("users", "ftp", "staff"))))
                .isEqualTo("ftp,staff,users");
        assertThat(GroupNames.formatList(Set.of())).isEmpty();
        assertThat(GroupNames.parseList(GroupNames.formatList(Set.of("b", "a")))).containsExactly("a", "b");
    }
}
