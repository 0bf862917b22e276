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
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a {@code <Limit CMD|GROUP ...>} block: {@code Order}, {@code Allow}/{@code Deny from},
 * {@code AllowUser}/{@code DenyUser}, {@code AllowGroup}/{@code DenyGroup},
 * {@code AllowClass}/{@code DenyClass}, {@code AllowAll}/{@code DenyAll} (ProFTPD mod_core).
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
        for (ConfigNode node : limit.children()) {
            try {
                String name = node.name().toLowerCase(Locale.ROOT);
                if (node instanceof Section) {
                    problems.accept(new Problem(node, "<" + node.name() + "> cannot appear inside <Limit>"));
                    continue;
                }
                switch (name) {
                    case "order" -> order = Order.parse(String.join(" ", node.args()));
                    case "allow" -> rules.add(new AccessRule.AllowFrom(patterns(node)));
                    case "deny" -> rules.add(new AccessRule.DenyFrom(patterns(node)));
                    case "allowall" -> {
                        Values.count(node, 0, 0);
                        rules.add(new AccessRule.AllowAll());
                    }
                    case "denyall" -> {
                        Values.count(node, 0, 0);
                        rules.add(new AccessRule.DenyAll());
                    }
                    case "allowuser" -> rules.add(new AccessRule.AllowUser(expression(node)));
                    case "denyuser" -> rules.add(new AccessRule.DenyUser(expression(node)));
                    case "allowgroup" -> rules.add(new AccessRule.AllowGroup(expression(node)));
                    case "denygroup" -> rules.add(new AccessRule.DenyGroup(expression(node)));
                    case "allowclass" -> rules.add(new AccessRule.AllowClass(expression(node)));
                    case "denyclass" -> rules.add(new AccessRule.DenyClass(expression(node)));
                    default -> problems.accept(new Problem(node, node.name() + " is not allowed inside <Limit> "
                            + "(there: Order, Allow, Deny, AllowAll, DenyAll, AllowUser, DenyUser, AllowGroup, "
                            + "DenyGroup, AllowClass, DenyClass)"));
                }
            } catch (Values.Invalid | IllegalArgumentException e) {
                problems.accept(new Problem(node, e.getMessage()));
            }
        }
        return new LimitSection(targets, order, rules);
    }

    /** {@code Allow from 10.0.0.0/8, .example.com} and {@code Allow 10.0.0.0/8}: "from" optional, commas or spaces. */
    private static List<AddressPattern> patterns(ConfigNode node) throws Values.Invalid {
        List<String> words = new ArrayList<>();
        for (String arg : node.args()) {
            for (String part : arg.split(",")) {
                if (!part.isBlank()) {
                    words.add(part.trim());
                }
            }
        }
        if (!words.isEmpty() && words.getFirst().equalsIgnoreCase("from")) {
            words.removeFirst();
        }
        if (words.isEmpty()) {
            throw new Values.Invalid(node.name() + " needs an address, network, host name or 'all'");
        }
        List<AddressPattern> patterns = new ArrayList<>();
        for (String w : words) {
            patterns.add(AddressPattern.parse(w));
        }
        return patterns;
    }

    private static NameExpression expression(ConfigNode node) throws Values.Invalid {
        if (node.args().isEmpty()) {
            throw new Values.Invalid(node.name() + " needs a name or expression, e.g. 'users,!staff'");
        }
        return NameExpression.parse(String.join("", node.args()));
    }

    /** A problem with the node it concerns. */
    record Problem(ConfigNode node, String message) {
    }
}
