package dev.ferry.session;

import java.util.Locale;

/**
 * A command as the client sent it (RFC 959 §4.1): the verb, upper-cased, and the argument after
 * the first space, kept as sent (file names may start or end with spaces).
 */
public record CommandLine(String verb, String argument) {

    public static CommandLine parse(String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return new CommandLine(verb.trim().toUpperCase(Locale.ROOT), argument);
    }
}
