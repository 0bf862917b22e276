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

    /** A line that could not be understood; {@code message} is a complete {@link ConfigError} message. */
    record Malformed(String message) implements LineContent {
    }
}
