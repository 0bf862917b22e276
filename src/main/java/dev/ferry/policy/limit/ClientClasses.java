package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Every {@code <Class>}, in the order defined; a client belongs to the first that contains it. */
public record ClientClasses(List<ClientClass> classes) {

    public ClientClasses {
        classes = List.copyOf(classes);
    }

    public Optional<String> classify(InetAddress a, Optional<String> hostName) {
        for (ClientClass c : classes) {
            if (c.contains(a, hostName)) {
                return Optional.of(c.name());
            }
        }
        return Optional.empty();
    }
}
