package dev.ferry.config.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of one parse. They are reported grouped by file, in the order the files were first read, and by
 * line within a file, whatever order the checks that found them ran in.
 */
final class ErrorList {

    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<Path, Integer> fileOrder = new HashMap<>();

    void noteFile(Path file) {
        fileOrder.putIfAbsent(file, fileOrder.size());
    }

    void add(SourceLocation at, String message) {
        if (at != null) {
            noteFile(at.file());
        }
        errors.add(new ConfigError(at, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ConfigError> sorted() {
        Comparator<ConfigError> byFile = Comparator.comparingInt(
                error -> error.at() == null ? -1 : fileOrder.get(error.at().file()));
        Comparator<ConfigError> byLine = Comparator.comparingInt(error -> error.at() == null ? 0 : error.at().line());
        List<ConfigError> copy = new ArrayList<>(errors);
        copy.sort(byFile.thenComparing(byLine));
        return copy;
    }
}
