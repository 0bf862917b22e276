package dev.ferry.config.file;

import java.util.List;
import java.util.stream.Collectors;

/** Every syntax error found in a configuration file and the files it includes, in file and line order. */
public final class ConfigSyntaxException extends Exception {

    private final List<ConfigError> errors;

    public ConfigSyntaxException(List<ConfigError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a syntax exception needs at least one error");
        }
        return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
    }
}
