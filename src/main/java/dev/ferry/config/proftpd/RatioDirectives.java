package dev.ferry.config.proftpd;

import dev.ferry.config.file.ConfigNode;
import dev.ferry.policy.limit.NameExpression;
import dev.ferry.policy.ratio.Ratio;
import dev.ferry.policy.ratio.RatioRule;
import dev.ferry.policy.ratio.RatioRules;
import dev.ferry.policy.ratio.RatioTarget;
import dev.ferry.policy.ratio.RatioTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ProFTPD mod_ratio's directives for one server, or one {@code <Anonymous>} area: {@code Ratios},
 * the four rule kinds ({@code HostRatio}, {@code AnonRatio}, {@code UserRatio},
 * {@code GroupRatio}: a target, then file ratio, file credit, byte ratio, byte credit in KB) and
 * the texts ({@code FileRatioErrMsg}, {@code ByteRatioErrMsg}, {@code LeechRatioMsg}).
 * {@code SaveRatios on} (counts kept across sessions in {@code RatioFile}) and
 * {@code CwdRatioMsg} are refused as not supported yet; without them the counts last one login,
 * as in ProFTPD.
 */
final class RatioDirectives {
    private Boolean enabled;
    private final List<RatioRule> hosts = new ArrayList<>();
    private final List<RatioRule> anonymous = new ArrayList<>();
    private final List<RatioRule> users = new ArrayList<>();
    private final List<RatioRule> groups = new ArrayList<>();
    private Optional<String> fileRefusal = Optional.empty();
    private Optional<String> byteRefusal = Optional.empty();
    private Optional<String> leech = Optional.empty();
    /** Rules read inside {@code <Anonymous>}, which hold its logins only. */
    private final boolean anonymousArea;
    /** The first rule line, for the notice when {@code Ratios on} is missing. */
    private ConfigNode firstRule;

    RatioDirectives(boolean anonymousArea) {
        this.anonymousArea = anonymousArea;
    }

    /** Reads {@code d} if it is one of mod_ratio's; false when it is not. */
    boolean read(ConfigNode d) throws Values.Invalid {
        String name = d.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "ratios" -> {
                if (anonymousArea) {
                    throw new Values.Invalid("Ratios belongs in the server context or a <VirtualHost>");
                }
                enabled = Values.onOff(d);
            }
            case "hostratio" -> hosts.add(rule(d, new RatioTarget.Host(target(d))));
            case "anonratio" -> anonymous.add(rule(d, new RatioTarget.AnonymousPassword(target(d))));
            case "userratio" -> users.add(rule(d, new RatioTarget.User(target(d))));
            case "groupratio" -> groups.add(rule(d, new RatioTarget.Group(NameExpression.parse(target(d)))));
            case "fileratioerrmsg", "byteratioerrmsg", "leechratiomsg" -> {
                if (anonymousArea) {
                    throw new Values.Invalid(d.name() + " is not supported yet in <Anonymous>; it belongs in the "
                            + "server context or a <VirtualHost>");
                }
                switch (name) {
                    case "fileratioerrmsg" -> fileRefusal = Optional.of(text(d));
                    case "byteratioerrmsg" -> byteRefusal = Optional.of(text(d));
                    default -> leech = Optional.of(text(d));
                }
            }
            case "saveratios" -> {
                if (Values.onOff(d)) {
                    throw new Values.Invalid("SaveRatios on is not supported yet: ratio counts last one login");
                }
            }
            case "ratiofile", "ratiotempfile" -> throw new Values.Invalid(d.name() + " is not supported yet: "
                    + "ratio counts last one login (SaveRatios)");
            case "cwdratiomsg" -> throw new Values.Invalid("CwdRatioMsg is not supported yet");
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether the area set anything. */
    boolean isEmpty() {
        return hosts.isEmpty() && anonymous.isEmpty() && users.isEmpty() && groups.isEmpty();
    }

    /** A notice when rules were given and {@code Ratios on} was not, as ProFTPD then ignores them. */
    Optional<String> inertRules(List<RatioDirectives> areas) {
        boolean rules = !isEmpty() || areas.stream().anyMatch(a -> !a.isEmpty());
        if (rules && !Boolean.TRUE.equals(enabled)) {
            return Optional.of("ratio rules have no effect without 'Ratios on'");
        }
        return Optional.empty();
    }

    ConfigNode firstRule(List<RatioDirectives> areas) {
        if (firstRule != null) {
            return firstRule;
        }
        return areas.stream().map(a -> a.firstRule).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * The server's rules: its {@code <Anonymous>} areas' first (they hold their logins only),
     * then its own, each in mod_ratio's order of kinds.
     */
    RatioRules build(List<RatioDirectives> areas) {
        List<RatioRule> rules = new ArrayList<>();
        for (RatioDirectives area : areas) {
            rules.addAll(area.ordered());
        }
        rules.addAll(ordered());
        return new RatioRules(Boolean.TRUE.equals(enabled), rules, new RatioTexts(fileRefusal, byteRefusal, leech));
    }

    private List<RatioRule> ordered() {
        List<RatioRule> all = new ArrayList<>(hosts);
        all.addAll(anonymous);
        all.addAll(users);
        all.addAll(groups);
        return all;
    }

    private RatioRule rule(ConfigNode d, RatioTarget target) throws Values.Invalid {
        if (firstRule == null) {
            firstRule = d;
        }
        long[] n = new long[4];
        for (int i = 0; i < 4; i++) {
            String value = d.args().get(i + 1);
            if (!value.matches("-?[0-9]{1,9}") || (i % 2 == 1 && value.startsWith("-"))) {
                throw new Values.Invalid(d.name() + " takes a name, then file ratio, file credit, byte ratio and "
                        + "byte credit (KB) as whole numbers, the credits not negative; not '" + value + "'");
            }
            n[i] = Long.parseLong(value);
        }
        return new RatioRule(target, anonymousArea, Ratio.ofProftpd(n[0], n[1], n[2], n[3]));
    }

    private static String target(ConfigNode d) throws Values.Invalid {
        if (d.args().size() != 5) {
            throw new Values.Invalid(d.name() + " takes five values: a name, file ratio, file credit, byte ratio "
                    + "and byte credit (KB), e.g. " + d.name() + " " + example(d) + " 5 10 3 1024");
        }
        return d.args().getFirst();
    }

    private static String example(ConfigNode d) {
        return switch (d.name().toLowerCase(Locale.ROOT)) {
            case "hostratio" -> ".example.com";
            case "anonratio" -> "*@example.com";
            case "groupratio" -> "staff";
            default -> "*";
        };
    }

    private static String text(ConfigNode d) throws Values.Invalid {
        if (d.args().isEmpty()) {
            throw new Values.Invalid(d.name() + " takes a text");
        }
        return String.join(" ", d.args());
    }
}
