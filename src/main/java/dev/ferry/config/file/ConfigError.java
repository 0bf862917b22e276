package dev.ferry.config.file;

/**
 * One problem found in a configuration file. {@code at} is null only when the top file itself cannot be
 * opened; {@code message} starts in lower case and has no trailing period.
 */
public record ConfigError(SourceLocation at, String message) {

    public ConfigError {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a configuration error needs a message");
        }
    }

    @Override
    public String toString() {
        return at == null ? message : at + ": " + message;
    }
}
