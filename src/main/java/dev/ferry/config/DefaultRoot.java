package dev.ferry.config;

import dev.ferry.policy.limit.NameExpression;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ProFTPD {@code DefaultRoot path [group-expression]}: the jail of the users the expression
 * admits. {@code path} is {@code ~} (the user's home), {@code ~/sub}, or an absolute host path;
 * {@code /} means no jail.
 */
public record DefaultRoot(String path, Optional<NameExpression> groups) {

    public DefaultRoot {
        Objects.requireNonNull(path);
        Objects.requireNonNull(groups);
        if (!path.equals("~") && !path.startsWith("~/") && !path.startsWith("/")) {
            throw new IllegalArgumentException("DefaultRoot must be ~, ~/DIR or an absolute path, not '" + path + "'");
        }
    }

    public boolean appliesTo(Set<String> userGroups) {
        return groups.isEmpty() || groups.get().matches(userGroups);
    }
}
