package dev.ferry.config;

import dev.ferry.policy.limit.LimitContext;
import java.util.List;

/**
 * The {@code <Limit>} blocks of a server or {@code <Anonymous>} context itself, and its
 * {@code <Directory>} contexts.
 */
public record AccessRules(LimitContext limits, List<DirectoryConfig> directories) {
    public static final AccessRules NONE = new AccessRules(new LimitContext(List.of()), List.of());

    public AccessRules {
        directories = List.copyOf(directories);
    }
}
