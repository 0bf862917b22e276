package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builders that read like the proftpd.conf snippets the tests reproduce. */
final class Fixtures {
    private Fixtures() {
    }

    static AccessRule rule(String line) {
        String[] parts = line.strip().split("\\s+", 2);
        return AccessRule.parse(parts[0], parts.length > 1 ? parts[1] : "");
    }

    /** {@code limit("STOR CWD", "AllowAll")}, default Order. */
    static LimitSection limit(String targets, String... lines) {
        return new LimitSection(LimitSection.parseTargets(targets), List.of(lines).stream().map(Fixtures::rule).toList());
    }

    static LimitSection limit(String targets, Order order, String... lines) {
        return new LimitSection(LimitSection.parseTargets(targets), order, List.of(lines).stream().map(Fixtures::rule).toList());
    }

    static LimitContext context(LimitSection... sections) {
        return new LimitContext(List.of(sections));
    }

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    static Requester anonymousClient(String address) {
        return Requester.beforeLogin(ip(address), Optional.empty(), Optional.empty());
    }

    static Requester user(String address, String name, String... groups) {
        return Requester.loggedIn(ip(address), Optional.empty(), name, Set.of(groups), Optional.empty());
    }

    static Requester userInClass(String address, String name, String className) {
        return Requester.loggedIn(ip(address), Optional.empty(), name, Set.of(), Optional.of(className));
    }
}
