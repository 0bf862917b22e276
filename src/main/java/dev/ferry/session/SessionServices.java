package dev.ferry.session;

import dev.ferry.auth.AccountResolver;
import dev.ferry.command.CommandTable;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.PortRange;
import dev.ferry.config.ServerConfig;
import dev.ferry.data.PassivePortPool;
import dev.ferry.hook.UploadScripts;
import dev.ferry.log.transfer.TransferLogs;
import dev.ferry.policy.quota.QuotaLedger;
import dev.ferry.tls.TlsContexts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the server provides to every session it starts: the configuration snapshot and the
 * shared services built from it. A reload builds a new one; sessions keep the one they started with.
 *
 * @param config          every server of this configuration
 * @param accounts        turns USER/PASS into accounts
 * @param passivePools    one pool per passive port range ({@code PassivePorts}; empty: any free port)
 * @param transferThreads runs data transfers; platform threads, so that {@code sendfile} can be
 *                        interrupted by closing the socket (see {@code TransferEngine})
 * @param tls             the certificates of the servers that have TLS on
 * @param quotas          what users with a quota keep; the same ledger across reloads
 * @param transferLogs    the open transfer logs; the same across reloads, which reopen them
 * @param uploadScripts   runs the upload script, one run at a time for the whole server
 */
public record SessionServices(FerryConfig config, CommandTable commands, AccountResolver accounts,
                              Map<Optional<PortRange>, PassivePortPool> passivePools, Executor transferThreads,
                              TlsContexts tls, QuotaLedger quotas, TransferLogs transferLogs,
                              UploadScripts uploadScripts) {

    public SessionServices {
        passivePools = Map.copyOf(passivePools);
        java.util.Objects.requireNonNull(tls);
        java.util.Objects.requireNonNull(quotas);
        java.util.Objects.requireNonNull(transferLogs);
        java.util.Objects.requireNonNull(uploadScripts);
    }

    /** Services without TLS, with a ledger of their own. */
    public SessionServices(FerryConfig config, CommandTable commands, AccountResolver accounts,
                           Map<Optional<PortRange>, PassivePortPool> passivePools, Executor transferThreads) {
        this(config, commands, accounts, passivePools, transferThreads, TlsContexts.NONE, new QuotaLedger(),
                new TransferLogs(), new UploadScripts());
    }

    /** One pool per passive port range among the servers of {@code config}. */
    public static Map<Optional<PortRange>, PassivePortPool> poolsFor(FerryConfig config) {
        return poolsFor(config, Map.of());
    }

    /**
     * As {@link #poolsFor(FerryConfig)}, taking over the pools of {@code previous} whose range is
     * unchanged: after a reload, sessions of the old and the new configuration draw on the same
     * pool, so a port one of them holds is never handed to the other.
     */
    public static Map<Optional<PortRange>, PassivePortPool> poolsFor(FerryConfig config,
                                                                      Map<Optional<PortRange>, PassivePortPool> previous) {
        Map<Optional<PortRange>, PassivePortPool> pools = new HashMap<>();
        for (ServerConfig server : config.servers()) {
            Optional<PortRange> range = server.passive().ports();
            pools.computeIfAbsent(range, r -> previous.containsKey(r) ? previous.get(r) : new PassivePortPool(r));
        }
        return pools;
    }

    public PassivePortPool passivePorts(ServerConfig server) {
        PassivePortPool pool = passivePools.get(server.passive().ports());
        if (pool == null) {
            throw new IllegalArgumentException("server not in this configuration");
        }
        return pool;
    }
}
