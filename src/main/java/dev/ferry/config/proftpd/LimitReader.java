package dev.ferry.config.proftpd;

import dev.ferry.config.file.ConfigNode;
import dev.ferry.config.file.Section;
import dev.ferry.policy.limit.AccessRule;
import dev.ferry.policy.limit.AddressPattern;
import dev.ferry.policy.limit.LimitSection;
import dev.ferry.policy.limit.NameExpression;
import dev.ferry.policy.limit.Order;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a {@code <Limit CMD|GROUP ...>} block: {@code Order}, {@code Allow}/{@code Deny from},
 * {@code AllowUser}/{@code DenyUser}, {@code AllowGroup}/{@code DenyGroup},
 * {@code AllowClass}/{@code DenyClass}, {@code AllowAll}/{@code DenyAll}, {@code IgnoreHidden}
 * (ProFTPD mod_core).
 */
final class LimitReader {
    /** The groups ProFTPD's {@code <Limit>} knows, besides single commands. */
    private static final Set<String> GROUPS = Set.of("READ", "WRITE", "DIRS", "ALL", "LOGIN");

    private LimitReader() {
    }

    static LimitSection read(Section limit, Set<String> knownVerbs, Consumer<Problem> problems) {
        Set<String> targets = new LinkedHashSet<>();
        if (limit.args().isEmpty()) {
            problems.accept(new Problem(limit, "<Limit> needs at least one command or group, e.g. <Limit WRITE>"));
        }
        for (String arg : limit.args()) {
            String target = arg.toUpperCase(Locale.ROOT);
            if (!GROUPS.contains(target) && !knownVerbs.contains(target)) {
                problems.accept(new Problem(limit, "<Limit " + arg + ">: not a command this server knows, nor one of "
                        + "READ, WRITE, DIRS, ALL, LOGIN"));
            }
            targets.add(target);
        }
        Order order = Order.ALLOW_DENY;
        List<AccessRule> rules = new ArrayList<>();
        Optional<Boolean> ignoreHidden = Optional.empty();
        for (ConfigNode node : limit.children()) {
            try {
                String name = node.name().toLowerCase(Locale.ROOT);
                if (node instanceof Section) {
                    problems.accept(new Problem(node, "<" + node.name() + "> cannot appear inside <Limit>"));
                    continue;
                }
                switch (name) {
                    case "order" -> order = Order.parse(String.join(" ", node.args()));
                    case "allow", "deny", "allowall", "denyall", "allowuser", "denyuser", "allowgroup",
                         "denygroup", "allowclass", "denyclass" ->
                        rules.add(AccessRule.parse(node.name(), String.join(" ", node.args())));
                    case "ignorehidden" -> ignoreHidden = Optional.of(onOff(node));
                    default -> problems.accept(new Problem(node, node.name() + " is not allowed inside <Limit> "
                            + "(there: Order, Allow, Deny, AllowAll, DenyAll, AllowUser, DenyUser, AllowGroup, "
                            + "DenyGroup, AllowClass, DenyClass, IgnoreHidden)"));
                }
            } catch (IllegalArgumentException e) {
                problems.accept(new Problem(node, e.getMessage()));
            }
        }
        return new LimitSection(targets, order, rules, ignoreHidden);
    }

    private static boolean onOff(ConfigNode node) {
        try {
            return Values.onOff(node);
        } catch (Values.Invalid e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** A problem with the node it concerns. */
    record Problem(ConfigNode node, String message) {
    }
}
