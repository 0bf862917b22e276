package dev.ferry.config.proftpd;

import dev.ferry.config.file.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found while loading a configuration file, each with its file:line. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
