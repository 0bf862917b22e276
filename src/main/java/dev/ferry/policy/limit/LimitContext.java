package dev.ferry.policy.limit;

import java.util.List;

/**
 * The {@code <Limit>} blocks of one configuration context. Within a context the most specific
 * block speaks first: blocks naming the command itself, then blocks naming its group (READ,
 * WRITE, DIRS, LOGIN), then {@code ALL}; the first that decides, decides.
 */
public record LimitContext(List<LimitSection> sections) {

    public static final LimitContext EMPTY = new LimitContext(List.of());

    public LimitContext {
        sections = List.copyOf(sections);
    }

    public Decision decide(String verb, String group, Requester r) {
        for (int tier = 0; tier < 3; tier++) {
            for (LimitSection s : sections) {
                if (inTier(s, tier, verb, group)) {
                    Decision d = s.evaluate(r);
                    if (d != Decision.NONE) {
                        return d;
                    }
                }
            }
        }
        return Decision.NONE;
    }

    /** Before login: whether some user might be allowed LOGIN by this context (or it stays silent). */
    boolean mayAllowLogin(Requester beforeLogin) {
        for (LimitSection s : sections) {
            if (s.namesVerb("LOGIN") && !s.mayAllow(beforeLogin)) {
                return false;
            }
        }
        return true;
    }

    /** Before login: whether this context can say ALLOW to LOGIN for some user. */
    boolean canAllowLogin(Requester beforeLogin) {
        for (LimitSection s : sections) {
            if (s.namesVerb("LOGIN") && s.rules().stream().anyMatch(AccessRule::allows) && s.mayAllow(beforeLogin)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inTier(LimitSection s, int tier, String verb, String group) {
        return switch (tier) {
            case 0 -> s.namesVerb(verb);
            case 1 -> !s.namesVerb(verb) && s.namesGroup(group);
            default -> !s.namesVerb(verb) && !s.namesGroup(group) && s.appliesTo(verb, group);
        };
    }
}
