package dev.ferry.tls;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TlsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS contexts of one configuration: one per distinct TLS setting, so servers (virtual
 * hosts) configured alike share a context, and with it the session cache that data connections
 * resume from. Built when the configuration is started or reloaded, so that a bad certificate
 * stops the start (or refuses the reload) instead of failing the first client.
 */
public final class TlsContexts {
    public static final TlsContexts NONE = new TlsContexts(Map.of());

    private final Map<TlsConfig, TlsContext> byConfig;

    private TlsContexts(Map<TlsConfig, TlsContext> byConfig) {
        this.byConfig = Map.copyOf(byConfig);
    }

    /** Loads the certificate of every server of {@code config} that has TLS on. */
    public static TlsContexts load(FerryConfig config) throws TlsSetupException {
        Map<TlsConfig, TlsContext> contexts = new HashMap<>();
        for (ServerConfig server : config.servers()) {
            TlsConfig tls = server.tls();
            if (tls.enabled() && !contexts.containsKey(tls)) {
                contexts.put(tls, TlsContext.load(tls));
            }
        }
        return new TlsContexts(contexts);
    }

    /** The context of {@code server}; empty when it has TLS off. */
    public Optional<TlsContext> forServer(ServerConfig server) {
        return Optional.ofNullable(byConfig.get(server.tls()));
    }
}
