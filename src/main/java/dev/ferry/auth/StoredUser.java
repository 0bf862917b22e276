package dev.ferry.auth;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual user as kept in the user database.
 *
 * @param name         login name (validated by {@link UserNames})
 * @param passwordHash encoded hash in PHC ({@code $argon2id$...}) or modular-crypt bcrypt form
 * @param home         home directory on the host; empty means "data-dir/home/NAME"
 * @param enabled      a disabled user cannot log in
 * @param limits       per-user limits
 */
public record StoredUser(String name, String passwordHash, Optional<Path> home, boolean enabled, UserLimits limits) {
    public StoredUser {
        UserNames.requireValid(name);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(limits, "limits");
    }

    /** Groups arrive with the schema's groups column. */
    public java.util.Set<String> groups() {
        return java.util.Set.of();
    }
}
