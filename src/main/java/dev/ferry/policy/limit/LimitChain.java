package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

public final class LimitChain {
    public static boolean mayEverLogIn(LimitContext server, List<LimitContext> anonymousContexts, InetAddress a,
                                       Optional<String> hostName, Optional<String> className) {
        return true;
    }
}
