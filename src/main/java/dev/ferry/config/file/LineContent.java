package dev.ferry.config.file;

import java.util.List;

/** What one logical line says. */
sealed interface LineContent {

    /** A blank line or a comment. */
    record Nothing() implements LineContent {
    }

    record DirectiveLine(String name, List<String> args) implements LineContent {
    }

    /** {@code <Name args...>}. */
    record Opener(String name, List<String> args) implements LineContent {
    }

    /** {@code </Name>}. */
    record Closer(String name) implements LineContent {
    }

    /**
     * A line that could not be understood; {@code message} is a complete {@link ConfigError} message.
     * {@code recovered} is what the line most likely meant when that is clear enough to keep checking the
     * nesting of the rest of the file ({@code <Directory /srv> junk} still opens a Directory), otherwise null.
     */
    record Malformed(String message, LineContent recovered) implements LineContent {
    }
}
