package dev.ferry.config;

import dev.ferry.log.syslog.SyslogTarget;
import dev.ferry.policy.limit.ClientClasses;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one start (or reload) of the server runs with: the main server and its virtual
 * hosts, resolved and validated. Immutable; a reload builds a new one and hands it to new
 * sessions while running ones keep theirs.
 *
 * @param servers the main server first, then each {@code <VirtualHost>} in file order
 * @param classes the {@code <Class>} definitions, shared by every server (ProFTPD: classes are global)
 * @param source  the configuration file, when there is one
 * @param syslog  where the event log goes instead of standard output (Pure-FTPd {@code -f},
 *                ProFTPD {@code SyslogFacility}); empty: standard output
 * @param systemLog a file the event log goes to instead (ProFTPD's {@code SystemLog}); it wins
 *                over {@code syslog}
 * @param maxInstances connections at once to the whole server, every virtual host together
 *                (ProFTPD's {@code MaxInstances}); 0 = no such cap
 */
public record FerryConfig(List<ServerConfig> servers, ClientClasses classes, Optional<java.nio.file.Path> source,
                          Optional<SyslogTarget> syslog, Optional<java.nio.file.Path> systemLog, int maxInstances) {

    public FerryConfig {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server to run");
        }
        if (servers.stream().allMatch(s -> s.binds().isEmpty() && s.tls().implicitBinds().isEmpty())) {
            throw new IllegalArgumentException("no server listens anywhere");
        }
        Objects.requireNonNull(classes);
        Objects.requireNonNull(source);
        Objects.requireNonNull(syslog);
        Objects.requireNonNull(systemLog);
        if (maxInstances < 0) {
            throw new IllegalArgumentException("MaxInstances cannot be negative");
        }
    }

    /** A configuration without a cap on all connections together. */
    public FerryConfig(List<ServerConfig> servers, ClientClasses classes, Optional<java.nio.file.Path> source,
                       Optional<SyslogTarget> syslog) {
        this(servers, classes, source, syslog, Optional.empty(), 0);
    }

    /** A configuration whose event log goes to standard output. */
    public FerryConfig(List<ServerConfig> servers, ClientClasses classes, Optional<java.nio.file.Path> source) {
        this(servers, classes, source, Optional.empty());
    }

    /** This configuration with the event log sent to {@code target} (empty: standard output). */
    public FerryConfig withSyslog(Optional<SyslogTarget> target) {
        return new FerryConfig(servers, classes, source, target, systemLog, maxInstances);
    }

    /** A configuration of one server, as the command line builds it. */
    public static FerryConfig single(ServerConfig server) {
        return new FerryConfig(List.of(server), new ClientClasses(List.of()), Optional.empty());
    }

    /** Every transfer log any server writes, each once. */
    public List<dev.ferry.log.transfer.TransferLogSpec> transferLogs() {
        return servers.stream().flatMap(s -> s.transferLogs().stream()).distinct().toList();
    }

    public ServerConfig main() {
        return servers.getFirst();
    }

    /**
     * The sockets to listen on: every bind of every server, each once, except that a specific
     * address on a port where a wildcard of the same family is bound is served by the wildcard
     * socket (the kernel would refuse the second bind) and told apart by the connection's local
     * address, as ProFTPD does without {@code SocketBindTight}.
     */
    public List<InetSocketAddress> listenAddresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        for (ServerConfig server : servers) {
            for (InetSocketAddress a : server.binds()) {
                if (!all.contains(a)) {
                    all.add(a);
                }
            }
        }
        return all.stream().filter(a -> a.getAddress().isAnyLocalAddress() || all.stream().noneMatch(w ->
                w.getAddress().isAnyLocalAddress() && w.getPort() == a.getPort()
                        && w.getAddress().getClass() == a.getAddress().getClass())).toList();
    }

    /**
     * The server a connection starts in, by the address it reached ({@code local}, the accepted
     * socket's local address): the first server bound to exactly that address, else the first
     * bound to a wildcard on that port. The main server is ProFTPD's {@code DefaultServer}.
     */
    public ServerConfig serverFor(InetSocketAddress local) {
        for (ServerConfig server : servers) {
            if (server.binds().contains(local)) {
                return server;
            }
        }
        for (ServerConfig server : servers) {
            if (server.reachableOn(local)) {
                return server;
            }
        }
        return main();
    }

    /**
     * RFC 7151 HOST: the server called {@code name} among those reachable where the connection
     * arrived. Names compare case-insensitively.
     */
    public Optional<ServerConfig> serverNamed(String name, InetSocketAddress local) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (ServerConfig server : servers) {
            if (!server.reachableOn(local)) {
                continue;
            }
            if (server.hostNames().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted))) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }
}
