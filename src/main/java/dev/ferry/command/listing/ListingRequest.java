package dev.ferry.command.listing;

/**
 * A LIST/NLST/STAT argument split into {@code ls}-style flags and a path. Clients send
 * {@code LIST -la}, {@code LIST -a dir} and the like; only leading words made entirely of flag
 * letters are taken as flags, so a file named "-x y" can still be listed with "./-x y".
 *
 * @param showHidden {@code -a} or {@code -A}: include dot-files
 * @param path       the path argument, possibly empty (the working directory)
 */
public record ListingRequest(boolean showHidden, String path) {

    public static ListingRequest parse(String argument) {
        String rest = argument.strip();
        boolean hidden = false;
        while (rest.startsWith("-")) {
            int end = rest.indexOf(' ');
            String word = end < 0 ? rest : rest.substring(0, end);
            if (!word.matches("-[A-Za-z1]+")) {
                break;
            }
            hidden |= word.indexOf('a') >= 0 || word.indexOf('A') >= 0;
            rest = end < 0 ? "" : rest.substring(end + 1).stripLeading();
        }
        return new ListingRequest(hidden, rest);
    }
}
