package dev.ferry.session;

import dev.ferry.auth.AccountResolver;
import dev.ferry.command.CommandTable;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.data.PassivePortPool;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What the server provides to every session it starts: the configuration snapshot and the
 * shared services built from it. A reload builds a new one; sessions keep the one they started with.
 *
 * @param config          every server of this configuration
 * @param accounts        turns USER/PASS into accounts
 * @param transferThreads runs data transfers; platform threads, so that {@code sendfile} can be
 *                        interrupted by closing the socket (see {@code TransferEngine})
 */
public record SessionServices(FerryConfig config, CommandTable commands, AccountResolver accounts,
                              Map<ServerConfig, PassivePortPool> passivePools, Executor transferThreads) {

    /** One pool per server, each over its own {@code PassivePorts}. */
    public static Map<ServerConfig, PassivePortPool> poolsFor(FerryConfig config) {
        Map<ServerConfig, PassivePortPool> pools = new IdentityHashMap<>();
        for (ServerConfig server : config.servers()) {
            pools.put(server, new PassivePortPool(server.passive().ports()));
        }
        return pools;
    }

    public PassivePortPool passivePorts(ServerConfig server) {
        PassivePortPool pool = passivePools.get(server);
        if (pool == null) {
            throw new IllegalArgumentException("server not in this configuration");
        }
        return pool;
    }
}
