package dev.ferry.policy.limit;

import java.nio.file.Path;

public record DirectoryPattern(String pattern) {
    public static DirectoryPattern parse(String text) {
        return new DirectoryPattern(text);
    }

    public boolean matches(Path p) {
        return p.startsWith(pattern);
    }

    public int specificity() {
        return pattern.length();
    }
}
