package dev.ferry.session;

import dev.ferry.auth.Authenticator;
import dev.ferry.command.CommandTable;
import dev.ferry.config.ServerConfig;
import dev.ferry.data.PassivePortPool;
import java.util.concurrent.Executor;

/**
 * What the server provides to every session it starts: the configuration snapshot and the
 * shared services built from it.
 *
 * @param transferThreads runs data transfers; platform threads, so that {@code sendfile} can be
 *                        interrupted by closing the socket (see {@code TransferEngine})
 */
public record SessionServices(ServerConfig config, CommandTable commands, Authenticator authenticator,
                              PassivePortPool passivePorts, Executor transferThreads) {
}
