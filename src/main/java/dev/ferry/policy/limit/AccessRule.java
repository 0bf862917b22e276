package dev.ferry.policy.limit;

public sealed interface AccessRule {
    record AllowAll() implements AccessRule {
    }
}
