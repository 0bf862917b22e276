package dev.ferry.config;

import dev.ferry.fs.SymlinkPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The whole server configuration: immutable, validated when built, and handed to each session
 * as it starts (a later reload gives new sessions a new snapshot; running ones keep theirs).
 *
 * @param dataDir              where users, homes and generated files live
 * @param binds                the control listeners
 * @param serverName           shown in the banner
 * @param passive              PASV/EPSV settings
 * @param limits               connection and login limits
 * @param timeouts             session timers
 * @param fxp                  who may direct data connections to other hosts (FXP)
 * @param anonymous            anonymous FTP
 * @param symlinks             which symbolic links are followed
 */
public record ServerConfig(DataDirectory dataDir, List<InetSocketAddress> binds, String serverName,
                           PassiveConfig passive, SessionLimits limits, Timeouts timeouts, FxpPolicy fxp,
                           AnonymousConfig anonymous, SymlinkPolicy symlinks) {

    public ServerConfig {
        Objects.requireNonNull(dataDir);
        binds = List.copyOf(binds);
        if (binds.isEmpty()) {
            throw new IllegalArgumentException("at least one listen address is needed");
        }
        Objects.requireNonNull(serverName);
        Objects.requireNonNull(passive);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(fxp);
        Objects.requireNonNull(anonymous);
        Objects.requireNonNull(symlinks);
    }

    /** The embedded default: loopback on port 2121, everything else at its default. */
    public static ServerConfig defaults(DataDirectory dataDir) {
        return new ServerConfig(dataDir,
                List.of(new InetSocketAddress("127.0.0.1", 2121)), "Ferry FTP server",
                PassiveConfig.DEFAULT, SessionLimits.DEFAULT, Timeouts.DEFAULT, FxpPolicy.NOBODY,
                new AnonymousConfig(false, dataDir.anonymousRoot(), java.util.Optional.empty()),
                SymlinkPolicy.INSIDE_ROOT);
    }
}
