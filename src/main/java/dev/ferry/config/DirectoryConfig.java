package dev.ferry.config;

import dev.ferry.policy.limit.LimitContext;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <Directory>} context: its settings and {@code <Limit>} blocks.
 *
 * @param pattern      the path as configured, after {@code ~user} expansion: absolute, or starting
 *                     with {@code ~} (the logged-in user's home, expanded at login)
 * @param files        settings given in this context
 * @param limits       its {@code <Limit>} blocks
 * @param displayChdir a {@code DisplayChdir} file given in this context
 */
public record DirectoryConfig(String pattern, FileRules.Overrides files, LimitContext limits,
                              Optional<String> displayChdir) {
    public DirectoryConfig {
        Objects.requireNonNull(pattern);
        Objects.requireNonNull(files);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(displayChdir);
        if (!pattern.startsWith("/") && !pattern.equals("~") && !pattern.startsWith("~/")) {
            throw new IllegalArgumentException("<Directory> path must be absolute or start with ~: " + pattern);
        }
    }
}
