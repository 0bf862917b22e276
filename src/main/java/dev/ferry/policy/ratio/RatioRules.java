package dev.ferry.policy.ratio;

import dev.ferry.policy.limit.Requester;
import java.util.List;
import java.util.Objects;

/**
 * Who gets which upload/download ratio: the rules in order, the first that matches a login
 * decides (ProFTPD mod_ratio tries {@code HostRatio}, {@code AnonRatio}, {@code UserRatio}, then
 * {@code GroupRatio}; Pure-FTPd exempts its trusted group, then applies {@code -q} to anonymous
 * logins and {@code -Q} to everyone). For an anonymous login the rules written inside
 * {@code <Anonymous>} come first. A user's own ratio, stored with a virtual user, comes before
 * all of them.
 *
 * @param enabled ProFTPD's {@code Ratios on}; without it no rule applies
 */
public record RatioRules(boolean enabled, List<RatioRule> rules, RatioTexts texts) {
    public static final RatioRules NONE = new RatioRules(false, List.of(), RatioTexts.STANDARD);

    public RatioRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(texts);
    }

    /**
     * The ratio of a login.
     *
     * @param own       the user's own ratio; {@link Ratio#NONE} when they have none
     * @param who       the login
     * @param anonymous whether it is an anonymous login
     * @param password  an anonymous login's password (its e-mail address); "" otherwise
     */
    public Ratio forLogin(Ratio own, Requester who, boolean anonymous, String password) {
        if (own.isEnforced()) {
            return own;
        }
        if (!enabled) {
            return Ratio.NONE;
        }
        if (anonymous) {
            for (RatioRule rule : rules) {
                if (rule.anonymousOnly() && rule.target().matches(who, true, password)) {
                    return rule.ratio();
                }
            }
        }
        for (RatioRule rule : rules) {
            if (!rule.anonymousOnly() && rule.target().matches(who, anonymous, password)) {
                return rule.ratio();
            }
        }
        return Ratio.NONE;
    }
}
