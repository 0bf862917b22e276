package dev.ferry.policy.limit;

import java.util.List;
import java.util.Set;

public record NameExpression(List<String> terms) {
    public static NameExpression parse(String text) {
        return new NameExpression(List.of(text.split(",")));
    }

    public boolean matches(Set<String> names) {
        for (String t : terms) {
            boolean neg = t.startsWith("!");
            String n = neg ? t.substring(1) : t;
            if (names.contains(n) == neg) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(String name) {
        return matches(Set.of(name));
    }
}
