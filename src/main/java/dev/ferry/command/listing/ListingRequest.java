package dev.ferry.command.listing;

import dev.ferry.config.ListFlags;

/**
 * A LIST/NLST/STAT argument split into {@code ls}-style flags and a path. Clients send
 * {@code LIST -la}, {@code LIST -a dir} and the like; only leading words made entirely of flag
 * letters are taken as flags, so a file named "-x y" can still be listed with "./-x y".
 *
 * @param flags what the client asked for: {@code -a}/{@code -A} dot-files, {@code -R} recursion
 * @param path  the path argument, possibly empty (the working directory)
 */
public record ListingRequest(ListFlags flags, String path) {

    public static ListingRequest parse(String argument) {
        String rest = argument.strip();
        ListFlags flags = ListFlags.NONE;
        while (rest.startsWith("-")) {
            int end = rest.indexOf(' ');
            String word = end < 0 ? rest : rest.substring(0, end);
            if (!word.matches("-[A-Za-z1]+")) {
                break;
            }
            flags = flags.plus(ListFlags.ofWord(word));
            rest = end < 0 ? "" : rest.substring(end + 1).stripLeading();
        }
        return new ListingRequest(flags, rest);
    }
}
