package dev.ferry.config;

/**
 * The {@code ls} flags Ferry's listings act on, from a LIST/NLST/STAT argument ("-la", "-aR")
 * or from ProFTPD's {@code ListOptions}. Other flags clients send ({@code -l}, {@code -t},
 * {@code -F}, ...) change nothing: LIST is always long, sorted by name.
 *
 * @param all       {@code -a} or {@code -A}: dot-files too
 * @param recursive {@code -R}: the subdirectories' contents too, each under its own heading
 */
public record ListFlags(boolean all, boolean recursive) {

    public static final ListFlags NONE = new ListFlags(false, false);

    /** Both sets of flags together. */
    public ListFlags plus(ListFlags other) {
        return new ListFlags(all || other.all, recursive || other.recursive);
    }

    /** The flags in one word such as "-la"; letters Ferry does not act on are skipped. */
    public static ListFlags ofWord(String word) {
        boolean all = false;
        boolean recursive = false;
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            all |= c == 'a' || c == 'A';
            recursive |= c == 'R';
        }
        return new ListFlags(all, recursive);
    }
}
