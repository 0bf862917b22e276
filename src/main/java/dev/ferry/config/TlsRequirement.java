package dev.ferry.config;

import dev.ferry.policy.limit.NameExpression;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A TLS level for some accounts only: ProFTPD's {@code TLSRequired} inside mod_ifsession's
 * {@code <IfUser NAMES>} or {@code <IfGroup NAMES>}, or {@code ferry serve}'s
 * {@code --tls-required-users}/{@code --tls-required-groups}. The names are an OR list with
 * {@code !} negation ({@code <IfUser alice,bob>}); exactly one of users and groups is given.
 *
 * @param users  the login names the level is for
 * @param groups the groups whose members the level is for
 * @param level  what those accounts must protect, in place of the server's level
 */
public record TlsRequirement(Optional<NameExpression> users, Optional<NameExpression> groups, TlsLevel level) {

    public TlsRequirement {
        Objects.requireNonNull(users);
        Objects.requireNonNull(groups);
        Objects.requireNonNull(level);
        if (users.isPresent() == groups.isPresent()) {
            throw new IllegalArgumentException("a TLS requirement names users or groups, one of the two");
        }
    }

    public static TlsRequirement forUsers(String names, TlsLevel level) {
        return new TlsRequirement(Optional.of(NameExpression.parse(names, NameExpression.Mode.OR)), Optional.empty(),
                level);
    }

    public static TlsRequirement forGroups(String names, TlsLevel level) {
        return new TlsRequirement(Optional.empty(), Optional.of(NameExpression.parse(names, NameExpression.Mode.OR)),
                level);
    }

    /** Whether the requirement is about {@code user}, a member of {@code userGroups}. */
    public boolean appliesTo(String user, Set<String> userGroups) {
        return users.map(u -> u.matches(user)).orElseGet(() -> groups.get().matches(userGroups));
    }
}
