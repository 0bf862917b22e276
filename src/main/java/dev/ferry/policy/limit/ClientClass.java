package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * A {@code <Class name>} (ProFTPD mod_core): clients described by {@code From} patterns. With
 * {@code Satisfy any} (the default) one matching pattern puts a client in the class; with
 * {@code Satisfy all} every pattern must match.
 */
public record ClientClass(String name, List<AddressPattern> from, boolean satisfyAll) {

    public ClientClass {
        from = List.copyOf(from);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a class needs a name");
        }
    }

    public boolean contains(InetAddress a, Optional<String> hostName) {
        if (from.isEmpty()) {
            return false;
        }
        for (AddressPattern p : from) {
            boolean m = p.matches(a, hostName);
            if (m && !satisfyAll) {
                return true;
            }
            if (!m && satisfyAll) {
                return false;
            }
        }
        return satisfyAll;
    }
}
