package dev.ferry.server;

import dev.ferry.config.FerryConfig;
import java.util.List;

/**
 * Where the server's configuration comes from: read once at start and again at every reload
 * (SIGHUP, {@code ferry reload}), so that a reload sees the files as they are at that moment.
 * ProFTPD's daemon likewise re-reads its configuration file on SIGHUP (ProFTPD howto
 * "Stopping and Starting", the HUP signal).
 */
@FunctionalInterface
public interface ConfigSource {

    /** Reads and validates the configuration; never throws for a bad file, it says so instead. */
    ConfigLoad load();

    /** A source that always yields {@code config}: a reload keeps everything as it is. */
    static ConfigSource fixed(FerryConfig config) {
        ConfigLoad same = new ConfigLoad.Loaded(config, List.of());
        return () -> same;
    }
}
