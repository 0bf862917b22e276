package dev.ferry.session;

import dev.ferry.auth.Authenticator;
import dev.ferry.command.CommandTable;
import dev.ferry.config.ServerConfig;
import dev.ferry.data.PassivePortPool;

/**
 * What the server provides to every session it starts: the configuration snapshot and the
 * shared services built from it.
 */
public record SessionServices(ServerConfig config, CommandTable commands, Authenticator authenticator,
                              PassivePortPool passivePorts) {
}
