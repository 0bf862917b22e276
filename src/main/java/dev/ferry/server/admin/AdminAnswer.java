package dev.ferry.server.admin;

import java.util.List;

/** The server's answer to one admin command, as lines of text (each without a line break). */
public sealed interface AdminAnswer {

    List<String> lines();

    /** The command did what it was asked; sent as {@code ok TEXT} lines. */
    record Done(List<String> lines) implements AdminAnswer {
        public Done {
            lines = List.copyOf(lines);
        }
    }

    /** The command did not; sent as {@code error TEXT} lines, of which there is at least one. */
    record Failed(List<String> lines) implements AdminAnswer {
        public Failed {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a failure needs a reason");
            }
        }
    }
}
