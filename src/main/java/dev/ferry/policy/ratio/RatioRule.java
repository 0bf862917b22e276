package dev.ferry.policy.ratio;

import java.util.Objects;

/**
 * The ratio for the logins that {@code target} matches; {@link Ratio#NONE} exempts them.
 *
 * @param anonymousOnly set by a rule written inside {@code <Anonymous>}: it applies to that
 *                      area's logins only
 */
public record RatioRule(RatioTarget target, boolean anonymousOnly, Ratio ratio) {
    public RatioRule {
        Objects.requireNonNull(target);
        Objects.requireNonNull(ratio);
    }
}
