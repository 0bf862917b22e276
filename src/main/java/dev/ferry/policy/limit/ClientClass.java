package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named {@code <Class>} (ProFTPD mod_core {@code <Class>}, {@code From}, {@code Satisfy}; Classes
 * howto): the clients it contains, described by {@code From} entries.
 *
 * <p>With {@code Satisfy any} (the default) a client belongs to the class when any entry holds for
 * it; with {@code Satisfy all} every entry must hold, which is how exceptions are written:
 * {@code From .example.com}, {@code From !bad.example.com}, {@code Satisfy all}. A negated entry
 * holds for clients it does not match, so {@code From !192.168.0.0/16} alone is "everyone outside
 * 192.168/16". All entries of all {@code From} lines form one list.
 */
public record ClientClass(String name, List<AddressPattern> from, boolean satisfyAll) {

    public ClientClass {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith("!") || name.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("'" + name + "' is not a class name");
        }
        from = List.copyOf(Objects.requireNonNull(from, "from"));
        // An empty class under Satisfy all would contain every client.
        if (from.isEmpty()) {
            throw new IllegalArgumentException("<Class " + name + "> has no From entries");
        }
    }

    /** A class with the default {@code Satisfy any}. */
    public static ClientClass satisfyingAny(String name, List<AddressPattern> from) {
        return new ClientClass(name, from, false);
    }

    public boolean contains(InetAddress address, Optional<String> hostName) {
        if (satisfyAll) {
            return from.stream().allMatch(p -> p.matches(address, hostName));
        }
        return from.stream().anyMatch(p -> p.matches(address, hostName));
    }
}
