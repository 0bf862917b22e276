package dev.ferry.config.file;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configuration node or error came from: the file (as given for the top file, absolute for included
 * files) and the 1-based line on which its logical line starts.
 */
public record SourceLocation(Path file, int line) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
