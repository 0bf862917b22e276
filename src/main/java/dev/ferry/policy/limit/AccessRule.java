package dev.ferry.policy.limit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One access line inside a {@code <Limit>} block (ProFTPD mod_core {@code Allow}, {@code Deny},
 * {@code AllowUser}, {@code DenyUser}, {@code AllowGroup}, {@code DenyGroup}, {@code AllowClass},
 * {@code DenyClass}, {@code AllowAll}, {@code DenyAll}). Each line is on the allow side or the deny
 * side; {@link LimitSection} combines the sides by its {@link Order}. Several lines of the same
 * kind are alternatives: two {@code AllowUser} lines admit either user.
 *
 * <p><b>Before login</b> (no user in the {@link Requester}) ProFTPD cannot know who will log in,
 * so a user or group line on the allow side counts as applying and one on the deny side as not
 * applying: the block gives the most favourable answer any user could get. This is what lets
 * {@code <Limit LOGIN> AllowUser barb DenyAll} accept the connection and then refuse everyone but
 * barb at {@code PASS}. Callers must therefore hand in the logged-in user for every check made
 * after login.
 *
 * <p><b>Address lines</b> follow the rule ProFTPD states for a list: every negated entry must hold
 * and, when the line has positive entries, at least one of them must match
 * ({@code Allow from 10.0.0.0/8,!10.1.1.5} is 10/8 except one host). A line of negated entries only
 * ({@code Deny from !10.0.0.0/8}) applies to every client that none of them excludes; ProFTPD's own
 * code lets such a line match nobody, which would quietly turn that Deny into a no-op, so Ferry
 * takes the line at its word. Each line is judged on its own and the lines are alternatives.
 *
 * <p><b>Classes</b>: a client in no {@code <Class>} is a member of no class, so
 * {@code AllowClass !bad} applies to it and {@code DenyClass !good} too (ProFTPD skips class lines
 * for classless clients, which would let {@code DenyClass !internal} admit unknown networks).
 */
public sealed interface AccessRule {

    /** True for the allow side ({@code Allow*}), false for the deny side ({@code Deny*}). */
    boolean allows();

    /** Whether this line applies to the requester. */
    boolean appliesTo(Requester requester);

    /**
     * Builds a rule from a directive name (any case) and the rest of its line, with each
     * directive's own expression default: {@code Allow}/{@code Deny} take
     * {@code [from] pattern[,...]}, the user and class lines default to OR, the group lines to AND,
     * {@code AllowAll}/{@code DenyAll} take nothing.
     */
    static AccessRule parse(String directive, String arguments) {
        Objects.requireNonNull(directive, "directive");
        Objects.requireNonNull(arguments, "arguments");
        String name = directive.strip().toLowerCase(Locale.ROOT);
        if ((name.equals("allowall") || name.equals("denyall")) && !arguments.isBlank()) {
            throw new IllegalArgumentException(directive.strip() + " takes no arguments, got '" + arguments.strip() + "'");
        }
        return switch (name) {
            case "allow" -> new AllowFrom(AddressPattern.parseList(arguments));
            case "deny" -> new DenyFrom(AddressPattern.parseList(arguments));
            case "allowuser" -> new AllowUser(NameExpression.parse(arguments, NameExpression.Mode.OR));
            case "denyuser" -> new DenyUser(NameExpression.parse(arguments, NameExpression.Mode.OR));
            case "allowgroup" -> new AllowGroup(NameExpression.parse(arguments, NameExpression.Mode.AND));
            case "denygroup" -> new DenyGroup(NameExpression.parse(arguments, NameExpression.Mode.AND));
            case "allowclass" -> new AllowClass(NameExpression.parse(arguments, NameExpression.Mode.OR));
            case "denyclass" -> new DenyClass(NameExpression.parse(arguments, NameExpression.Mode.OR));
            case "allowall" -> new AllowAll();
            case "denyall" -> new DenyAll();
            default -> throw new IllegalArgumentException("'" + directive.strip() + "' is not an access rule inside <Limit>");
        };
    }

    /** {@code Allow [from] ...}. */
    record AllowFrom(List<AddressPattern> patterns) implements AccessRule {
        public AllowFrom {
            patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
            AddressPattern.checkLine(patterns);
        }

        @Override
        public boolean allows() {
            return true;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return AccessRule.lineMatches(patterns, requester);
        }
    }

    /** {@code Deny [from] ...}. */
    record DenyFrom(List<AddressPattern> patterns) implements AccessRule {
        public DenyFrom {
            patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
            AddressPattern.checkLine(patterns);
        }

        @Override
        public boolean allows() {
            return false;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return AccessRule.lineMatches(patterns, requester);
        }
    }

    /** {@code AllowUser expression}; applies to everyone before login. */
    record AllowUser(NameExpression expression) implements AccessRule {
        public AllowUser {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return true;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return requester.user().map(expression::matches).orElse(true);
        }
    }

    /** {@code DenyUser expression}; applies to nobody before login. */
    record DenyUser(NameExpression expression) implements AccessRule {
        public DenyUser {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return false;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return requester.user().map(expression::matches).orElse(false);
        }
    }

    /** {@code AllowGroup expression}; applies to everyone before login. */
    record AllowGroup(NameExpression expression) implements AccessRule {
        public AllowGroup {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return true;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return !requester.isLoggedIn() || expression.matches(requester.groups());
        }
    }

    /** {@code DenyGroup expression}; applies to nobody before login. */
    record DenyGroup(NameExpression expression) implements AccessRule {
        public DenyGroup {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return false;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return requester.isLoggedIn() && expression.matches(requester.groups());
        }
    }

    /** {@code AllowClass expression}. */
    record AllowClass(NameExpression expression) implements AccessRule {
        public AllowClass {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return true;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return expression.matches(AccessRule.classesOf(requester));
        }
    }

    /** {@code DenyClass expression}. */
    record DenyClass(NameExpression expression) implements AccessRule {
        public DenyClass {
            Objects.requireNonNull(expression, "expression");
        }

        @Override
        public boolean allows() {
            return false;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return expression.matches(AccessRule.classesOf(requester));
        }
    }

    /** {@code AllowAll}: an explicit allow for everyone. */
    record AllowAll() implements AccessRule {
        @Override
        public boolean allows() {
            return true;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return true;
        }
    }

    /** {@code DenyAll}: an explicit deny for everyone. */
    record DenyAll() implements AccessRule {
        @Override
        public boolean allows() {
            return false;
        }

        @Override
        public boolean appliesTo(Requester requester) {
            return true;
        }
    }

    private static boolean lineMatches(List<AddressPattern> line, Requester requester) {
        boolean anyPositive = false;
        boolean positiveMatched = false;
        for (AddressPattern pattern : line) {
            boolean holds = pattern.matches(requester.address(), requester.hostName());
            if (pattern.negated()) {
                if (!holds) {
                    return false;
                }
            } else {
                anyPositive = true;
                positiveMatched |= holds;
            }
        }
        return !anyPositive || positiveMatched;
    }

    private static Set<String> classesOf(Requester requester) {
        return requester.className().map(Set::of).orElse(Set.of());
    }
}
