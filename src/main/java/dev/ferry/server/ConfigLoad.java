package dev.ferry.server;

import dev.ferry.config.FerryConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What reading a {@link ConfigSource} gave: a configuration to run, or why there is none. */
public sealed interface ConfigLoad {

    /**
     * What to tell the operator whatever the result, each line as it is to be shown (e.g.
     * "note: FILE:LINE: ServerType standalone changes nothing").
     */
    List<String> notes();

    /** A validated configuration. */
    record Loaded(FerryConfig config, List<String> notes) implements ConfigLoad {
        public Loaded {
            Objects.requireNonNull(config);
            notes = List.copyOf(notes);
        }
    }

    /**
     * A configuration that cannot be used.
     *
     * @param errors every problem found, each on one line (a file's errors start with its file:line)
     * @param file   the file the errors are in, when they are a file's rather than the command line's
     */
    record Failed(List<String> errors, List<String> notes, Optional<Path> file) implements ConfigLoad {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a failed configuration needs at least one error");
            }
            notes = List.copyOf(notes);
            Objects.requireNonNull(file);
        }

        public Failed(List<String> errors) {
            this(errors, List.of(), Optional.empty());
        }
    }
}
