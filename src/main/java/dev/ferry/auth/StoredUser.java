package dev.ferry.auth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A virtual user as kept in the user database.
 *
 * @param name         login name (validated by {@link UserNames})
 * @param passwordHash encoded hash in PHC ({@code $argon2id$...}) or modular-crypt bcrypt form
 * @param home         home directory on the host; empty means "data-dir/home/NAME"
 * @param enabled      a disabled user cannot log in
 * @param limits       per-user limits
 * @param groups       the groups the user belongs to (each validated by {@link GroupNames}), as
 *                     matched by ProFTPD-style {@code AllowGroup}, {@code DenyGroup},
 *                     {@code DefaultRoot ~ group-expression} and similar directives; iterates
 *                     in sorted order
 */
public record StoredUser(String name, String passwordHash, Optional<Path> home, boolean enabled, UserLimits limits,
        Set<String> groups) {

    public StoredUser {
        UserNames.requireValid(name);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(groups, "groups");
        TreeSet<String> sorted = new TreeSet<>();
        for (String group : groups) {
            sorted.add(GroupNames.requireValid(group));
        }
        // Sorted, so that listings and the stored form do not depend on the caller's set.
        groups = Collections.unmodifiableSortedSet(sorted);
    }

    /** A user in no group. */
    public StoredUser(String name, String passwordHash, Optional<Path> home, boolean enabled, UserLimits limits) {
        this(name, passwordHash, home, enabled, limits, Set.of());
    }

    /** This user with {@code groups} instead of the current ones. */
    public StoredUser withGroups(Set<String> groups) {
        return new StoredUser(name, passwordHash, home, enabled, limits, groups);
    }

}
