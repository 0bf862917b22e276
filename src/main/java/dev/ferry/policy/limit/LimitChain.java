package dev.ferry.policy.limit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Decisions that look at several contexts at once. */
public final class LimitChain {
    private LimitChain() {
    }

    /**
     * The check at connect time (ProFTPD FAQ ch. 5 §11): false only when no user could ever be
     * allowed to log in from this client: the server's {@code <Limit LOGIN>} denies whoever it
     * is, and no {@code <Anonymous>} area has a {@code <Limit LOGIN>} that could let it in.
     */
    public static boolean mayEverLogIn(LimitContext server, List<LimitContext> anonymousContexts, InetAddress a,
                                       Optional<String> hostName, Optional<String> className) {
        Requester unknown = new Requester(a, hostName, Optional.empty(), Set.of(), className);
        if (server.mayAllowLogin(unknown)) {
            return true;
        }
        for (LimitContext area : anonymousContexts) {
            if (area.canAllowLogin(unknown)) {
                return true;
            }
        }
        return false;
    }
}
