package dev.ferry.config.proftpd;

import dev.ferry.config.FerryConfig;
import dev.ferry.config.file.ConfigError;
import java.util.List;

/**
 * A configuration file's result: the configuration, and notices about lines that were accepted
 * but change nothing in Ferry (e.g. {@code ServerType standalone}); the server prints them at
 * start and {@code ferry check-config} lists them, so nothing is ignored silently.
 */
public record LoadedConfig(FerryConfig config, List<ConfigError> notices) {
    public LoadedConfig {
        notices = List.copyOf(notices);
    }
}
