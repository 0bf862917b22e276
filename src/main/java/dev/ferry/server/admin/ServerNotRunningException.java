package dev.ferry.server.admin;

import java.io.IOException;
import java.nio.file.Path;

/** Nothing answers on an admin socket: no server runs with that data directory. */
public final class ServerNotRunningException extends IOException {
    private final Path socket;

    public ServerNotRunningException(Path socket, IOException cause) {
        super("nothing answers on " + socket + " (" + cause.getMessage() + ")", cause);
        this.socket = socket;
    }

    public Path socket() {
        return socket;
    }
}
