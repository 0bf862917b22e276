package dev.ferry.policy.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A ProFTPD "expression" of user, group or class names, as taken by mod_core's
 * {@code AllowUser}, {@code DenyUser}, {@code AllowGroup}, {@code DenyGroup}, {@code AllowClass},
 * {@code DenyClass} and by {@code DefaultRoot}'s group argument: names separated by commas (or
 * blanks), each optionally negated with {@code !} ({@code users,!staff}).
 *
 * <p>How the terms combine depends on the directive, exactly as mod_core documents it, and a
 * leading keyword overrides the default:
 *
 * <ul>
 *   <li>{@link Mode#AND}: every term must hold. The default for {@code AllowGroup},
 *       {@code DenyGroup} and {@code DefaultRoot}, and what {@link #parse(String)} assumes.
 *   <li>{@link Mode#OR}: at least one term must hold. The default for {@code AllowUser},
 *       {@code DenyUser}, {@code AllowClass} and {@code DenyClass} (a user cannot be two users at
 *       once, so an AND list of several user names would never match).
 *   <li>{@link Mode#REGEX}: {@code regex PATTERN}; holds when any of the names contains a match of
 *       the pattern (POSIX regexec is an unanchored search; Java's regex dialect is used, which
 *       agrees with POSIX extended syntax on the usual {@code ^ftp_}, {@code [a-z]+$} forms).
 * </ul>
 *
 * <p>A keyword ({@code AND}, {@code OR}, {@code regex}, any case) counts only when something
 * follows it, as in ProFTPD: {@code AllowUser OR} names a user called "OR". Names are compared
 * exactly (case-sensitively), as ProFTPD compares them, and are never resolved to ids.
 */
public record NameExpression(Mode mode, List<Term> terms, Optional<Pattern> regex) {

    public enum Mode {
        AND,
        OR,
        REGEX
    }

    /** One name of the list; {@code negated} for the {@code !name} form. */
    public record Term(String name, boolean negated) {
        public Term {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty name in expression");
            }
            if (name.startsWith("!")) {
                throw new IllegalArgumentException("'" + name + "': double negation is not allowed");
            }
            if (name.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c))) {
                throw new IllegalArgumentException("'" + name + "' is not a single name");
            }
        }

        public boolean holds(Set<String> names) {
            return names.contains(name) != negated;
        }

        @Override
        public String toString() {
            return (negated ? "!" : "") + name;
        }
    }

    public NameExpression {
        Objects.requireNonNull(mode, "mode");
        terms = List.copyOf(Objects.requireNonNull(terms, "terms"));
        Objects.requireNonNull(regex, "regex");
        if (mode == Mode.REGEX) {
            if (regex.isEmpty() || !terms.isEmpty()) {
                throw new IllegalArgumentException("a regex expression has a pattern and no terms");
            }
        } else if (regex.isPresent() || terms.isEmpty()) {
            throw new IllegalArgumentException("an " + mode + " expression has at least one term and no pattern");
        }
    }

    /** Parses with the AND default ({@code AllowGroup}, {@code DenyGroup}, {@code DefaultRoot}). */
    public static NameExpression parse(String text) {
        return parse(text, Mode.AND);
    }

    /**
     * Parses an optional leading {@code AND}/{@code OR}/{@code regex} keyword and the expression;
     * without a keyword the terms combine by {@code defaultMode} (AND or OR).
     */
    public static NameExpression parse(String text, Mode defaultMode) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(defaultMode, "defaultMode");
        if (defaultMode == Mode.REGEX) {
            throw new IllegalArgumentException("regex is a keyword of the expression, not a default");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        String[] split = s.split("\\s+", 2);
        Mode mode = defaultMode;
        String body = s;
        if (split.length == 2) {
            switch (split[0].toUpperCase(Locale.ROOT)) {
                case "AND" -> {
                    mode = Mode.AND;
                    body = split[1];
                }
                case "OR" -> {
                    mode = Mode.OR;
                    body = split[1];
                }
                case "REGEX" -> {
                    return new NameExpression(Mode.REGEX, List.of(), Optional.of(compile(split[1].strip())));
                }
                default -> {
                }
            }
        }
        List<Term> terms = new ArrayList<>();
        for (String token : body.split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean negated = token.startsWith("!");
            terms.add(new Term(negated ? token.substring(1) : token, negated));
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("expression '" + s + "' names nobody");
        }
        return new NameExpression(mode, terms, Optional.empty());
    }

    /** Whether the expression holds for someone who has exactly these names (a user's groups, say). */
    public boolean matches(Set<String> names) {
        Objects.requireNonNull(names, "names");
        return switch (mode) {
            case AND -> terms.stream().allMatch(t -> t.holds(names));
            case OR -> terms.stream().anyMatch(t -> t.holds(names));
            case REGEX -> names.stream().anyMatch(n -> regex.get().matcher(n).find());
        };
    }

    /** Whether the expression holds for one name (a user, a class). */
    public boolean matches(String name) {
        return matches(Set.of(Objects.requireNonNull(name, "name")));
    }

    // Pattern has identity equality; two expressions with the same source are the same expression.
    @Override
    public boolean equals(Object other) {
        return other instanceof NameExpression that
                && mode == that.mode
                && terms.equals(that.terms)
                && regex.map(Pattern::pattern).equals(that.regex.map(Pattern::pattern));
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, terms, regex.map(Pattern::pattern));
    }

    @Override
    public String toString() {
        if (mode == Mode.REGEX) {
            return "regex " + regex.get().pattern();
        }
        return mode + " " + terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    private static Pattern compile(String source) {
        if (source.isEmpty()) {
            throw new IllegalArgumentException("regex expression without a pattern");
        }
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + source + "' is not a valid regular expression: " + e.getDescription(), e);
        }
    }
}
