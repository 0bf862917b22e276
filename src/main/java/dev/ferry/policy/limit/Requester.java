package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks: the facts a {@code <Limit>} rule can look at (ProFTPD mod_core {@code Allow},
 * {@code AllowUser}, {@code AllowGroup}, {@code AllowClass} and their {@code Deny} twins).
 *
 * <p>{@code user} is empty before login, which is when the {@code <Limit LOGIN>} check at connect
 * time runs. Groups are only known once the user is: a requester without a user must have no
 * groups, and a requester with a user and no groups is a user who belongs to none (so
 * {@code DenyGroup !staff} refuses them). {@code hostName} is the client's reverse-DNS name when
 * the server resolved it ({@code UseReverseDNS}), else empty. {@code className} is the
 * {@code <Class>} the client address falls in ({@link ClientClasses#classify}), if any.
 */
public record Requester(
        InetAddress address,
        Optional<String> hostName,
        Optional<String> user,
        Set<String> groups,
        Optional<String> className) {

    public Requester {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(className, "className");
        groups = Set.copyOf(Objects.requireNonNull(groups, "groups"));
        if (user.isPresent() && user.get().isEmpty()) {
            throw new IllegalArgumentException("a user name cannot be empty; use Optional.empty() before login");
        }
        if (user.isEmpty() && !groups.isEmpty()) {
            throw new IllegalArgumentException("groups " + groups + " given without a user: groups are only known after login");
        }
    }

    /** A client that has connected and not logged in yet. */
    public static Requester beforeLogin(InetAddress address, Optional<String> hostName, Optional<String> className) {
        return new Requester(address, hostName, Optional.empty(), Set.of(), className);
    }

    /** A logged-in user with every group (primary and supplementary) they belong to. */
    public static Requester loggedIn(InetAddress address, Optional<String> hostName, String user, Set<String> groups,
            Optional<String> className) {
        return new Requester(address, hostName, Optional.of(user), groups, className);
    }

    public boolean isLoggedIn() {
        return user.isPresent();
    }
}
