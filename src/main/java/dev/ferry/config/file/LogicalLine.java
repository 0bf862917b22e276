package dev.ferry.config.file;

/** One configuration line after joining backslash continuations; {@code number} is its first physical line. */
record LogicalLine(int number, String text) {
}
