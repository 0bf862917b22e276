package dev.ferry.policy.limit;

import java.util.Locale;
import java.util.Objects;

/**
 * ProFTPD mod_core {@code Order}: in which order a {@code <Limit>} block looks at its allow side
 * and its deny side, and what it says when neither side applies. This is <em>not</em> Apache's
 * {@code Order} (ProFTPD Limit howto, "Using Order"):
 *
 * <ul>
 *   <li>{@link #ALLOW_DENY} (the default): an applying allow rule allows; otherwise an applying
 *       deny rule denies; otherwise the block has no opinion (implicit allow, which lets an outer
 *       context decide).
 *   <li>{@link #DENY_ALLOW}: an applying deny rule denies; otherwise an applying allow rule allows;
 *       otherwise the block <em>denies</em> (implicit deny).
 * </ul>
 */
public enum Order {
    ALLOW_DENY,
    DENY_ALLOW;

    /**
     * Parses ProFTPD's spellings {@code allow,deny} and {@code deny,allow}, in any case and with
     * blanks around the comma ({@code Order allow, deny} is two arguments that ProFTPD joins).
     */
    public static Order parse(String text) {
        Objects.requireNonNull(text, "text");
        String compact = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return switch (compact) {
            case "allow,deny" -> ALLOW_DENY;
            case "deny,allow" -> DENY_ALLOW;
            default -> throw new IllegalArgumentException(
                    "Order '" + text.strip() + "': expected 'allow,deny' or 'deny,allow'");
        };
    }

    @Override
    public String toString() {
        return this == ALLOW_DENY ? "allow,deny" : "deny,allow";
    }
}
