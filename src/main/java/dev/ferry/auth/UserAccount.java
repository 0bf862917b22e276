package dev.ferry.auth;

import dev.ferry.policy.AccessPolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A user who has logged in: who they are, where their jail is, and what they may do there.
 *
 * @param name      login name (for anonymous: the name given, "anonymous" or "ftp")
 * @param anonymous true for anonymous logins
 * @param root      the host directory that is "/" for this user
 * @param access    the access policy for this login
 * @param limits    per-user limits
 */
public record UserAccount(String name, boolean anonymous, Path root, AccessPolicy access, UserLimits limits) {
    public UserAccount {
        Objects.requireNonNull(name);
        Objects.requireNonNull(root);
        Objects.requireNonNull(access);
        Objects.requireNonNull(limits);
    }
}
