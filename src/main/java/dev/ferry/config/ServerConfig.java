package dev.ferry.config;

import dev.ferry.fs.SymlinkPolicy;
import dev.ferry.log.transfer.TransferLogSpec;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One server: the main server or a {@code <VirtualHost>}. Immutable, validated when built, and
 * handed to each session as it starts (a later reload gives new sessions a new snapshot;
 * running ones keep theirs).
 *
 * @param dataDir   where users, homes and generated files live
 * @param binds     the control addresses this server answers on
 * @param hostNames the names RFC 7151 {@code HOST} selects this server by ({@code <VirtualHost>}
 *                  name arguments and {@code ServerAlias})
 * @param serverName shown in the banner and STAT ({@code ServerName})
 * @param messages  banner and message files
 * @param passive   PASV/EPSV settings
 * @param limits    connection and login limits
 * @param timeouts  session timers
 * @param fxp       who may direct data connections to other hosts (FXP)
 * @param anonymous the anonymous areas ({@code <Anonymous>}); empty: no anonymous logins
 * @param symlinks  which symbolic links are followed
 * @param logins    how login names map to accounts and jails
 * @param files     what may be done to files, at this server's top level
 * @param access    {@code <Limit>} and {@code <Directory>} rules of this server
 * @param tls       FTPS: policy, certificate and implicit-TLS listen addresses
 * @param afterTransfer transfer logs and the upload script
 */
public record ServerConfig(DataDirectory dataDir, List<InetSocketAddress> binds, List<String> hostNames,
                           String serverName, Messages messages, PassiveConfig passive, SessionLimits limits,
                           Timeouts timeouts, FxpPolicy fxp, List<AnonymousConfig> anonymous,
                           SymlinkPolicy symlinks, LoginRules logins, FileRules files, AccessRules access,
                           TlsConfig tls, TransferHooks afterTransfer) {

    public ServerConfig {
        Objects.requireNonNull(dataDir);
        binds = List.copyOf(binds); // empty: a main server that listens nowhere (ProFTPD's Port 0)
        hostNames = List.copyOf(hostNames);
        Objects.requireNonNull(serverName);
        Objects.requireNonNull(messages);
        Objects.requireNonNull(passive);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(fxp);
        anonymous = List.copyOf(anonymous);
        Objects.requireNonNull(symlinks);
        Objects.requireNonNull(logins);
        Objects.requireNonNull(files);
        Objects.requireNonNull(access);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(afterTransfer);
    }

    /** A server that writes no transfer log. */
    public ServerConfig(DataDirectory dataDir, List<InetSocketAddress> binds, List<String> hostNames,
                        String serverName, Messages messages, PassiveConfig passive, SessionLimits limits,
                        Timeouts timeouts, FxpPolicy fxp, List<AnonymousConfig> anonymous,
                        SymlinkPolicy symlinks, LoginRules logins, FileRules files, AccessRules access,
                        TlsConfig tls) {
        this(dataDir, binds, hostNames, serverName, messages, passive, limits, timeouts, fxp, anonymous, symlinks,
                logins, files, access, tls, TransferHooks.NONE);
    }

    /** A server without TLS. */
    public ServerConfig(DataDirectory dataDir, List<InetSocketAddress> binds, List<String> hostNames,
                        String serverName, Messages messages, PassiveConfig passive, SessionLimits limits,
                        Timeouts timeouts, FxpPolicy fxp, List<AnonymousConfig> anonymous,
                        SymlinkPolicy symlinks, LoginRules logins, FileRules files, AccessRules access) {
        this(dataDir, binds, hostNames, serverName, messages, passive, limits, timeouts, fxp, anonymous, symlinks,
                logins, files, access, TlsConfig.OFF);
    }

    /** The embedded default: loopback on port 2121, everything else at its default. */
    public static ServerConfig defaults(DataDirectory dataDir) {
        return new ServerConfig(dataDir, List.of(new InetSocketAddress("127.0.0.1", 2121)), List.of(),
                "Ferry FTP server", Messages.NONE, PassiveConfig.DEFAULT, SessionLimits.DEFAULT, Timeouts.DEFAULT,
                FxpPolicy.NOBODY, List.of(), SymlinkPolicy.INSIDE_ROOT, LoginRules.DEFAULT, FileRules.FERRY,
                AccessRules.NONE);
    }

    /** Whether a connection that arrived at {@code local} may be served by this server. */
    public boolean reachableOn(InetSocketAddress local) {
        for (InetSocketAddress a : java.util.stream.Stream.concat(binds.stream(), tls.implicitBinds().stream()).toList()) {
            if (a.equals(local) || (a.getPort() == local.getPort() && a.getAddress().isAnyLocalAddress()
                    && a.getAddress().getClass() == local.getAddress().getClass())) {
                return true;
            }
        }
        return false;
    }

    /** The anonymous area a login name selects, if any (ProFTPD {@code User}, {@code UserAlias}). */
    public Optional<AnonymousConfig> anonymousFor(String loginName) {
        for (AnonymousConfig area : anonymous) {
            if (area.selectedBy(loginName, logins.userAliases())) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    public ServerConfig withBinds(List<InetSocketAddress> newBinds) {
        return new ServerConfig(dataDir, newBinds, hostNames, serverName, messages, passive, limits, timeouts, fxp,
                anonymous, symlinks, logins, files, access, tls, afterTransfer);
    }

    public ServerConfig withTls(TlsConfig newTls) {
        return new ServerConfig(dataDir, binds, hostNames, serverName, messages, passive, limits, timeouts, fxp,
                anonymous, symlinks, logins, files, access, newTls, afterTransfer);
    }

    public ServerConfig withAfterTransfer(TransferHooks hooks) {
        return new ServerConfig(dataDir, binds, hostNames, serverName, messages, passive, limits, timeouts, fxp,
                anonymous, symlinks, logins, files, access, tls, hooks);
    }

    /** The transfer logs this server's sessions write. */
    public List<TransferLogSpec> transferLogs() {
        return afterTransfer.logs();
    }
}
