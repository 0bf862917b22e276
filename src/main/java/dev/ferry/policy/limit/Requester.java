package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

public record Requester(InetAddress address, Optional<String> hostName, Optional<String> user, Set<String> groups,
                        Optional<String> className) {
}
