package dev.ferry.policy.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code <Limit ...>} block (ProFTPD mod_core): the commands or groups it covers, its
 * {@code Order} and its lines. With {@code Order allow,deny} the allow lines are looked at first
 * and any match allows; then the deny lines, and any match denies. {@code deny,allow} looks at
 * the deny lines first. When no line matches, the block decides nothing and the next enclosing
 * context is asked: {@code AllowUser bob} alone does not keep anybody out; {@code AllowUser bob}
 * with {@code DenyAll} does.
 */
public record LimitSection(Set<String> targets, Order order, List<AccessRule> rules) {

    /** Beyond this many user/group lines, {@link #mayAllow} stops enumerating and says yes. */
    private static final int MAX_UNKNOWN_LINES = 10;

    public LimitSection {
        targets = Set.copyOf(targets.stream().map(t -> t.toUpperCase(Locale.ROOT)).toList());
        rules = List.copyOf(rules);
    }

    /** ALL covers every command but LOGIN, as in ProFTPD. */
    public boolean appliesTo(String verb, String group) {
        return targets.contains(verb) || targets.contains(group) || (targets.contains("ALL") && !verb.equals("LOGIN"));
    }

    boolean namesVerb(String verb) {
        return targets.contains(verb);
    }

    boolean namesGroup(String group) {
        return targets.contains(group);
    }

    public Decision evaluate(Requester r) {
        return evaluate(r, null, 0);
    }

    /**
     * @param unknown user/group lines whose match is assumed rather than computed (for a check
     *                before login), with {@code assumed}'s bits saying which match
     */
    private Decision evaluate(Requester r, List<AccessRule> unknown, int assumed) {
        boolean allowFirst = order == Order.ALLOW_DENY;
        for (boolean allowing : new boolean[] {allowFirst, !allowFirst}) {
            for (AccessRule rule : rules) {
                if (rule.allows() != allowing) {
                    continue;
                }
                int index = unknown == null ? -1 : unknown.indexOf(rule);
                boolean matched = index >= 0 ? (assumed & (1 << index)) != 0 : matches(rule, r);
                if (matched) {
                    return allowing ? Decision.ALLOW : Decision.DENY;
                }
            }
        }
        return Decision.NONE;
    }

    /**
     * Before login (the user unknown): whether some user could get an answer other than DENY,
     * each user and group line being taken as matching or not in every combination.
     */
    public boolean mayAllow(Requester beforeLogin) {
        List<AccessRule> unknown = new ArrayList<>();
        for (AccessRule rule : rules) {
            if (isAboutUser(rule)) {
                unknown.add(rule);
            }
        }
        if (unknown.size() > MAX_UNKNOWN_LINES) {
            return true;
        }
        for (int assumed = 0; assumed < (1 << unknown.size()); assumed++) {
            if (evaluate(beforeLogin, unknown, assumed) != Decision.DENY) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAboutUser(AccessRule rule) {
        return rule instanceof AccessRule.AllowUser || rule instanceof AccessRule.DenyUser
                || rule instanceof AccessRule.AllowGroup || rule instanceof AccessRule.DenyGroup;
    }

    private static boolean matches(AccessRule rule, Requester r) {
        return switch (rule) {
            case AccessRule.AllowAll a -> true;
            case AccessRule.DenyAll d -> true;
            case AccessRule.AllowFrom(List<AddressPattern> patterns) -> anyMatches(patterns, r);
            case AccessRule.DenyFrom(List<AddressPattern> patterns) -> anyMatches(patterns, r);
            case AccessRule.AllowUser(NameExpression e) -> r.user().map(e::matches).orElse(false);
            case AccessRule.DenyUser(NameExpression e) -> r.user().map(e::matches).orElse(false);
            case AccessRule.AllowGroup(NameExpression e) -> r.user().isPresent() && e.matches(r.groups());
            case AccessRule.DenyGroup(NameExpression e) -> r.user().isPresent() && e.matches(r.groups());
            case AccessRule.AllowClass(NameExpression e) -> r.className().map(e::matches).orElse(false);
            case AccessRule.DenyClass(NameExpression e) -> r.className().map(e::matches).orElse(false);
        };
    }

    private static boolean anyMatches(List<AddressPattern> patterns, Requester r) {
        for (AddressPattern p : patterns) {
            if (p.matches(r.address(), r.hostName())) {
                return true;
            }
        }
        return false;
    }
}
