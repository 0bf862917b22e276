package dev.ferry.policy.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ProFTPD's expression for {@code AllowUser}, {@code DenyGroup}, {@code DefaultRoot}'s groups
 * and the like: names separated by commas, every one must hold (AND), each may be negated with
 * {@code !}: {@code users,!staff} is "in users and not in staff".
 */
public record NameExpression(List<String> terms) {

    public NameExpression {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an empty name expression");
        }
    }

    public static NameExpression parse(String text) {
        List<String> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty() || t.equals("!")) {
                throw new IllegalArgumentException("bad name expression '" + text + "': empty name");
            }
            terms.add(t);
        }
        return new NameExpression(terms);
    }

    /** Whether a set of names (a user's groups) satisfies every term. */
    public boolean matches(Set<String> names) {
        for (String term : terms) {
            boolean negated = term.startsWith("!");
            String name = negated ? term.substring(1) : term;
            if (names.contains(name) == negated) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(String name) {
        return matches(Set.of(name));
    }

    @Override
    public String toString() {
        return String.join(",", terms);
    }
}
