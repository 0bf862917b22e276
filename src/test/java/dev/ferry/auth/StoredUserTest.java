package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredUserTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA";

    private static StoredUser bob(Set<String> groups) {
        return new StoredUser("bob", HASH, Optional.empty(), true, UserLimits.NONE, groups);
    }

    @Test
    void fiveArgumentConstructorMeansNoGroups() {
        StoredUser user = new StoredUser("bob", HASH, Optional.of(Path.of("/srv/bob")), false, UserLimits.NONE);
        assertThat(user.groups()).isEmpty();
        assertThat(user).isEqualTo(new StoredUser("bob", HASH, Optional.of(Path.of("/srv/bob")), false,
                UserLimits.NONE, Set.of()));
    }

    @Test
    void groupsAreASortedImmutableCopy() {
        Set<String> given = new LinkedHashSet<>(List.of("users", "ftp", "staff"));
        StoredUser user = bob(given);
        given.add("wheel");

        assertThat(user.groups()).containsExactly("ftp", "staff", "users");
        assertThatThrownBy(() -> user.groups().add("wheel")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.groups().remove("ftp")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityDoesNotDependOnTheSetImplementation() {
        assertThat(bob(new HashSet<>(List.of("a", "b")))).isEqualTo(bob(Set.of("b", "a")));
        assertThat(bob(Set.of("a"))).isNotEqualTo(bob(Set.of("a", "b")));
        assertThat(bob(Set.of("a")).hashCode()).isEqualTo(bob(new HashSet<>(List.of("a"))).hashCode());
    }

    @Test
    void invalidGroupNamesAreRejected() {
        assertThatThrownBy(() -> bob(Set.of("!staff")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid group name '!staff'");
        assertThatThrownBy(() -> bob(Set.of("users,staff")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid group name 'users,staff'");
        assertThatThrownBy(() -> bob(Set.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid group name ''");
        assertThatThrownBy(() -> bob(new HashSet<>(Arrays.asList("ok", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid group name 'null'");
        assertThatThrownBy(() -> bob(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withGroupsReplacesOnlyTheGroups() {
        StoredUser user = new StoredUser("bob", HASH, Optional.of(Path.of("/srv/bob")), false,
                new UserLimits(2, 0, 0, 0, 0), Set.of("old"));
        StoredUser changed = user.withGroups(Set.of("users", "staff"));

        assertThat(changed).isEqualTo(new StoredUser("bob", HASH, Optional.of(Path.of("/srv/bob")), false,
                new UserLimits(2, 0, 0, 0, 0), Set.of("staff", "users")));
        assertThat(user.groups()).containsExactly("old");
        assertThat(user.withGroups(Set.of()).groups()).isEmpty();
        assertThatThrownBy(() -> user.withGroups(Set.of("!x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
