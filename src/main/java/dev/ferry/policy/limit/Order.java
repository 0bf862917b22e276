package dev.ferry.policy.limit;

import java.util.Locale;

/**
 * ProFTPD's {@code Order}: which kind of line is looked at first. The first line that matches
 * decides; {@code allow,deny} (the default) lets a matching allow line win over any deny line,
 * {@code deny,allow} the reverse.
 */
public enum Order {
    ALLOW_DENY, DENY_ALLOW;

    public static Order parse(String text) {
        return switch (text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT)) {
            case "allow,deny" -> ALLOW_DENY;
            case "deny,allow" -> DENY_ALLOW;
            default -> throw new IllegalArgumentException("Order takes allow,deny or deny,allow, not '" + text + "'");
        };
    }
}
