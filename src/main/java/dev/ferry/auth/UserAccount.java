package dev.ferry.auth;

import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AccessPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user who has logged in: who they are, where their jail is, and what they may do there.
 *
 * @param name      login name (for anonymous: the name given, e.g. "anonymous" or "ftp")
 * @param anonymous true for anonymous logins (an anonymous area, or {@code AnonymousGroup})
 * @param root      the host directory that is "/" for this user
 * @param start     the directory the session starts in (the home, when the user is not jailed in it)
 * @param home      the account's home directory on the host, when it has one
 * @param groups    the groups the account belongs to, for {@code <Limit>} and {@code DefaultRoot}
 * @param access    the access policy for this login
 * @param limits    per-user limits
 * @param shell     the account's login shell, when its source keeps one (SQL, LDAP), for
 *                  {@code RequireValidShell}
 */
public record UserAccount(String name, boolean anonymous, Path root, VirtualPath start, Optional<Path> home,
                          Set<String> groups, AccessPolicy access, UserLimits limits, Optional<String> shell) {
    public UserAccount {
        Objects.requireNonNull(name);
        Objects.requireNonNull(root);
        Objects.requireNonNull(start);
        Objects.requireNonNull(home);
        groups = Set.copyOf(groups);
        Objects.requireNonNull(access);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(shell);
    }

    /** An account without a shell (Ferry's own virtual users, anonymous logins). */
    public UserAccount(String name, boolean anonymous, Path root, VirtualPath start, Optional<Path> home,
                       Set<String> groups, AccessPolicy access, UserLimits limits) {
        this(name, anonymous, root, start, home, groups, access, limits, Optional.empty());
    }

    /** An account jailed in its home, as a user store returns it. */
    public static UserAccount inHome(String name, Path home, Set<String> groups, AccessPolicy access,
                                     UserLimits limits) {
        return new UserAccount(name, false, home, VirtualPath.ROOT, Optional.of(home), groups, access, limits);
    }

    /** This account with {@code policy} in place of its access policy. */
    public UserAccount withAccess(AccessPolicy policy) {
        return new UserAccount(name, anonymous, root, start, home, groups, policy, limits, shell);
    }

    public UserAccount jailed(Path newRoot, VirtualPath newStart) {
        return new UserAccount(name, anonymous, newRoot, newStart, home, groups, access, limits, shell);
    }

    public UserAccount asAnonymous(AccessPolicy policy) {
        return new UserAccount(name, true, root, start, home, groups, policy, limits, shell);
    }
}
