package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code <Class>} of the configuration in definition order. A client belongs to at most one
 * class: the first one, in order of appearance in the configuration, that contains it (ProFTPD
 * Classes howto: "The first class definition ... that matches is used").
 */
public record ClientClasses(List<ClientClass> classes) {

    public static final ClientClasses NONE = new ClientClasses(List.of());

    public ClientClasses {
        classes = List.copyOf(Objects.requireNonNull(classes, "classes"));
        Set<String> seen = new HashSet<>();
        for (ClientClass c : classes) {
            if (!seen.add(c.name())) {
                throw new IllegalArgumentException("<Class " + c.name() + "> is defined twice");
            }
        }
    }

    /** The name of the first class containing the client, if any. */
    public Optional<String> classify(InetAddress address, Optional<String> hostName) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        return classes.stream().filter(c -> c.contains(address, hostName)).map(ClientClass::name).findFirst();
    }

    public Optional<ClientClass> named(String name) {
        return classes.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
