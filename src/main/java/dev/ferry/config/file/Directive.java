package dev.ferry.config.file;

import java.util.List;
import java.util.Objects;

/** {@code Name arg1 "arg 2" ...}: one configuration directive. */
public record Directive(String name, List<String> args, SourceLocation at) implements ConfigNode {

    public Directive {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a directive needs a name");
        }
        args = List.copyOf(args);
        Objects.requireNonNull(at, "at");
    }
}
