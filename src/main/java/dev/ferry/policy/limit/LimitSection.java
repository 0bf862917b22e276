package dev.ferry.policy.limit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code <Limit targets...>} block (ProFTPD mod_core {@code <Limit>}, {@code Order}): the
 * commands and command groups it names, its {@link Order} and its access lines in file order.
 *
 * <p>Targets are stored upper-case; naming one of CDUP/XCUP, CWD/XCWD, MKD/XMKD, PWD/XPWD or
 * RMD/XRMD names both (see {@link #appliesTo}). SITE commands are named {@code SITE_CHMOD} etc.
 *
 * <p>{@link #evaluate} follows mod_core's {@code Order} table literally:
 *
 * <pre>
 *   allow,deny:  an allow line applies -> ALLOW;  else a deny line applies -> DENY;  else NONE
 *   deny,allow:  a deny line applies -> DENY;  else an allow line applies -> ALLOW;  else DENY
 * </pre>
 *
 * So a default-order block of Allow lines only says nothing about a client it does not list
 * (NONE: the outer context decides), a default-order block of Deny lines only denies those it
 * lists, while a {@code deny,allow} block denies everyone it does not explicitly allow, including
 * a block holding only Deny lines. {@code Allow from all} and {@code AllowAll} both sit on the
 * allow side and therefore behave the same inside one block.
 *
 * <p>{@code ignoreHidden} is the block's {@code IgnoreHidden on|off} (mod_core), empty when the
 * block does not say: with {@code on}, entries that {@code HideUser}, {@code HideGroup} or
 * {@code HideNoAccess} leave out of listings do not exist for the block's commands either.
 */
public record LimitSection(Set<String> targets, Order order, List<AccessRule> rules, Optional<Boolean> ignoreHidden) {

    private static final Pattern TARGET = Pattern.compile("[A-Z0-9_]+");

    public LimitSection {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(order, "order");
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        Objects.requireNonNull(ignoreHidden, "ignoreHidden");
        Set<String> normalized = new LinkedHashSet<>();
        for (String target : targets) {
            String name = LimitTargets.canonical(target);
            if (!TARGET.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + target + "' is not a command, SITE_command or command group");
            }
            normalized.add(name);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("<Limit> needs one or more commands");
        }
        LimitTargets.addCounterparts(normalized);
        targets = Collections.unmodifiableSet(normalized);
    }

    /** A block without {@code IgnoreHidden}. */
    public LimitSection(Set<String> targets, Order order, List<AccessRule> rules) {
        this(targets, order, rules, Optional.empty());
    }

    /** A block with the default {@code Order allow,deny}. */
    public LimitSection(Set<String> targets, List<AccessRule> rules) {
        this(targets, Order.ALLOW_DENY, rules);
    }

    /** Splits {@code <Limit STOR CWD>} or {@code <Limit STOR,CWD>} arguments into targets. */
    public static Set<String> parseTargets(String text) {
        Objects.requireNonNull(text, "text");
        Set<String> targets = new LinkedHashSet<>();
        for (String token : text.strip().split("[,\\s]+")) {
            if (!token.isEmpty()) {
                targets.add(token);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("<Limit> needs one or more commands");
        }
        return targets;
    }

    /** Whether the block lists this exact name (a command, a group, ALL or LOGIN). */
    public boolean names(String target) {
        return targets.contains(LimitTargets.canonical(target));
    }

    /**
     * Whether the block concerns a command: it names the command, or the command's group
     * ({@code READ}, {@code WRITE}, {@code DIRS}; Ferry's {@code MISC} is no ProFTPD group and
     * matches nothing), or {@code ALL} (which covers every command except LOGIN and EPRT, EPSV,
     * PASV, PORT, PROT, OPTS). A login ({@code verb} or {@code group} LOGIN) concerns
     * {@code LOGIN} blocks only.
     */
    public boolean appliesTo(String verb, String group) {
        return LimitTargets.passes(verb, group).stream().anyMatch(this::names);
    }

    /** What this block says about the requester; see the type's documentation. */
    public Decision evaluate(Requester requester) {
        Objects.requireNonNull(requester, "requester");
        if (order == Order.ALLOW_DENY) {
            if (side(true, requester)) {
                return Decision.ALLOW;
            }
            return side(false, requester) ? Decision.DENY : Decision.NONE;
        }
        if (side(false, requester)) {
            return Decision.DENY;
        }
        return side(true, requester) ? Decision.ALLOW : Decision.DENY;
    }

    private boolean side(boolean allowSide, Requester requester) {
        for (AccessRule rule : rules) {
            if (rule.allows() == allowSide && rule.appliesTo(requester)) {
                return true;
            }
        }
        return false;
    }
}
