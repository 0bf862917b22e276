package dev.ferry.tls;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS contexts of one configuration: one per distinct TLS setting, so servers (virtual
 * hosts) configured alike share a context, and with it the session cache that data connections
 * resume from. Built when the configuration is started or reloaded, so that a bad certificate
 * stops the start (or refuses the reload) instead of failing the first client; each certificate
 * file is read once per load, so a reload picks up certificates replaced on disk. Certificate
 * problems clients would notice (dates, names, chain: {@link CertificateCheck}) are logged as
 * warnings at each load.
 *
 * <p>A server's context also holds the certificates of the other servers reachable at the same
 * address, by their host names, so that a client's SNI can select them
 * ({@link VirtualHostKeyManager}).
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    public static final TlsContexts NONE = new TlsContexts(Map.of());

    private final Map<ServerConfig, TlsContext> byServer;

    private TlsContexts(Map<ServerConfig, TlsContext> byServer) {
        this.byServer = Map.copyOf(byServer);
    }

    /** What makes two servers' contexts the same: their settings and the certificates SNI can pick. */
    private record ContextKey(TlsConfig tls, Map<String, TlsCertificate> byName) {
    }

    /** Loads the certificate of every server of {@code config} that has TLS on. */
    public static TlsContexts load(FerryConfig config) throws TlsSetupException {
        Map<TlsCertificate, KeyMaterial> materials = new HashMap<>();
        for (ServerConfig server : config.servers()) {
            if (server.tls().enabled()) {
                TlsCertificate source = server.tls().certificate().orElseThrow(() ->
                        new TlsSetupException("TLS is on but no certificate is set"));
                if (!materials.containsKey(source)) {
                    KeyMaterial material = CertificateFiles.read(source);
                    materials.put(source, material);
                }
                for (String problem : CertificateCheck.problems(materials.get(source), checkedNames(server),
                        Instant.now())) {
                    LOG.warn("{}: {}", describe(server), problem);
                }
            }
        }
        Map<ContextKey, TlsContext> contexts = new HashMap<>();
        Map<ServerConfig, TlsContext> byServer = new HashMap<>();
        for (ServerConfig server : config.servers()) {
            TlsConfig tls = server.tls();
            if (!tls.enabled()) {
                continue;
            }
            ContextKey key = new ContextKey(tls, namedCertificates(server, config));
            TlsContext context = contexts.get(key);
            if (context == null) {
                Map<String, KeyMaterial> byName = new LinkedHashMap<>();
                key.byName().forEach((name, source) -> byName.put(name, materials.get(source)));
                context = TlsContext.of(materials.get(tls.certificate().orElseThrow()), byName, tls.protocols(),
                        tls.cipherSuites(), tls.clientCertificates());
                contexts.put(key, context);
            }
            byServer.put(server, context);
        }
        return new TlsContexts(byServer);
    }

    /**
     * The certificates of the other TLS servers a connection to {@code server}'s addresses may
     * reach, by each of their host names (the first server to claim a name keeps it, as HOST
     * picks the first server of a name).
     */
    private static Map<String, TlsCertificate> namedCertificates(ServerConfig server, FerryConfig config) {
        Map<String, TlsCertificate> byName = new LinkedHashMap<>();
        for (ServerConfig other : config.servers()) {
            if (other.equals(server) || !other.tls().enabled() || !sharesAnAddress(server, other)) {
                continue;
            }
            for (String name : other.hostNames()) {
                if (server.hostNames().stream().noneMatch(name::equalsIgnoreCase)) {
                    byName.putIfAbsent(name.toLowerCase(Locale.ROOT), other.tls().certificate().orElseThrow());
                }
            }
        }
        return byName;
    }

    private static boolean sharesAnAddress(ServerConfig a, ServerConfig b) {
        return addresses(a).anyMatch(b::reachableOn) || addresses(b).anyMatch(a::reachableOn);
    }

    private static Stream<InetSocketAddress> addresses(ServerConfig server) {
        return Stream.concat(server.binds().stream(), server.tls().implicitBinds().stream());
    }

    /** The names a server's certificate should cover: its host names, and its ServerName when that is one. */
    static Set<String> checkedNames(ServerConfig server) {
        Set<String> names = new LinkedHashSet<>(server.hostNames());
        String serverName = server.serverName();
        if (serverName.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+") && !serverName.matches("[0-9.]+")) {
            names.add(serverName);
        }
        return names;
    }

    private static String describe(ServerConfig server) {
        if (!server.hostNames().isEmpty()) {
            return "virtual host " + server.hostNames().getFirst();
        }
        List<String> binds = new ArrayList<>();
        for (InetSocketAddress a : server.binds()) {
            binds.add(a.getAddress().getHostAddress() + ":" + a.getPort());
        }
        return "server \"" + server.serverName() + "\"" + (binds.isEmpty() ? "" : " on " + String.join(", ", binds));
    }

    /** The context of {@code server}; empty when it has TLS off. */
    public Optional<TlsContext> forServer(ServerConfig server) {
        return Optional.ofNullable(byServer.get(server));
    }
}
