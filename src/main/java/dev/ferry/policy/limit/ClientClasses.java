package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

public record ClientClasses(List<ClientClass> classes) {
    public Optional<String> classify(InetAddress a, Optional<String> hostName) {
        return Optional.empty();
    }
}
