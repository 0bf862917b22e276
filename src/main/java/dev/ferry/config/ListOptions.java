package dev.ferry.config;

import java.util.List;
import java.util.Locale;

/**
 * How LIST, NLST and STAT list, as ProFTPD's {@code ListOptions} (mod_ls) and Pure-FTPd's
 * {@code -D} ({@code --displaydotfiles}) and {@code -L} ({@code --limitrecursion}) set it.
 *
 * @param flags    flags used as if the client had sent them too ({@code ListOptions -a}, {@code -D})
 * @param strict   the client's own flags are ignored: only {@link #flags} count
 * @param scope    which commands {@link #flags} and {@link #strict} apply to
 * @param maxFiles the most entries one listing shows, subdirectories' included; the rest are left out
 * @param maxDepth how many levels below the listed directory {@code -R} descends
 * @param maxDirs  the most directories one listing shows (and so, with {@code -R}, enters)
 */
public record ListOptions(ListFlags flags, boolean strict, Scope scope, int maxFiles, int maxDepth, int maxDirs) {

    /** Which listing commands the flags apply to (ProFTPD's {@code LISTOnly} and {@code NLSTOnly}). */
    public enum Scope { ALL, LIST_ONLY, NLST_ONLY }

    /** The listing commands, as {@link #effective} tells them apart; STAT with a path lists as LIST. */
    public enum Command { LIST, NLST }

    /**
     * Without configuration: no default flags; 500,000 entries at most, so that a huge directory
     * cannot exhaust memory; {@code -R} at most 5 levels deep (Pure-FTPd's default).
     */
    public static final ListOptions DEFAULT = new ListOptions(ListFlags.NONE, false, Scope.ALL, 500_000, 5,
            Integer.MAX_VALUE);

    public ListOptions {
        if (maxFiles < 1 || maxDirs < 0 || maxDepth < 0) {
            throw new IllegalArgumentException("listing limits must be positive numbers");
        }
    }

    /** The flags a listing uses, given what the client sent with {@code command}. */
    public ListFlags effective(ListFlags client, Command command) {
        boolean applies = scope == Scope.ALL || (scope == Scope.LIST_ONLY) == (command == Command.LIST);
        if (!applies) {
            return client;
        }
        return strict ? flags : flags.plus(client);
    }

    /** These options with Pure-FTPd's {@code -D}: dot-files listed without {@code -a}. */
    public ListOptions withDotFiles() {
        return new ListOptions(flags.plus(new ListFlags(true, false)), strict, scope, maxFiles, maxDepth, maxDirs);
    }

    /**
     * Pure-FTPd's {@code -L FILES:DEPTH} (pure-ftpd(8)): at most FILES entries per listing, and
     * {@code -R} at most DEPTH levels deep.
     */
    public ListOptions withLimits(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length != 2 || !parts[0].strip().matches("[0-9]{1,9}") || !parts[1].strip().matches("[0-9]{1,4}")
                || Integer.parseInt(parts[0].strip()) < 1) {
            throw new IllegalArgumentException("-L (--limitrecursion) takes FILES:DEPTH, two numbers such as "
                    + "2000:5 (FILES at least 1), not '" + spec + "'");
        }
        return new ListOptions(flags, strict, scope, Integer.parseInt(parts[0].strip()),
                Integer.parseInt(parts[1].strip()), maxDirs);
    }

    /**
     * ProFTPD's {@code ListOptions OPTIONS [strict] [maxdepth N] [maxfiles N] [maxdirs N]
     * [LISTOnly|NLSTOnly] [SortedNLST]}. OPTIONS is one or more words of flags, {@code -X} to
     * turn X on and {@code +X} to leave it off ({@code "-a +R"}); the flags listings act on are
     * {@code a}, {@code A} and {@code R}, and {@code l} and {@code 1} are accepted (LIST is always
     * long, NLST always names). Limits not given keep Ferry's defaults.
     *
     * @throws IllegalArgumentException for flags or keywords Ferry does not support, or bad numbers
     */
    public static ListOptions parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("ListOptions takes the options, then keywords such as strict or "
                    + "maxfiles N");
        }
        boolean all = false;
        boolean recursive = false;
        for (String word : args.getFirst().strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!word.matches("[-+][A-Za-z1]+")) {
                throw new IllegalArgumentException("ListOptions: '" + word + "' is not a word of flags such as -a or +R");
            }
            boolean on = word.charAt(0) == '-';
            for (char c : word.substring(1).toCharArray()) {
                switch (c) {
                    case 'a', 'A' -> all = on;
                    case 'R' -> recursive = on;
                    case 'l', '1' -> {
                        // LIST is always in ls -l form and NLST always one name per line
                    }
                    default -> throw new IllegalArgumentException("ListOptions: the flag " + c
                            + " is not supported yet (Ferry acts on -a, -A and -R)");
                }
            }
        }
        ListOptions d = DEFAULT;
        boolean strict = false;
        Scope scope = Scope.ALL;
        int maxFiles = d.maxFiles;
        int maxDepth = d.maxDepth;
        int maxDirs = d.maxDirs;
        for (int i = 1; i < args.size(); i++) {
            String keyword = args.get(i).toLowerCase(Locale.ROOT);
            switch (keyword) {
                case "strict" -> strict = true;
                case "listonly" -> scope = Scope.LIST_ONLY;
                case "nlstonly" -> scope = Scope.NLST_ONLY;
                case "sortednlst" -> {
                    // NLST is always sorted by name
                }
                case "maxfiles", "maxdepth", "maxdirs" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("[0-9]{1,9}")) {
                        throw new IllegalArgumentException("ListOptions: " + args.get(i) + " takes a number");
                    }
                    int n = Integer.parseInt(args.get(++i));
                    switch (keyword) {
                        case "maxfiles" -> {
                            if (n < 1) {
                                throw new IllegalArgumentException("ListOptions: maxfiles must be at least 1");
                            }
                            maxFiles = n;
                        }
                        case "maxdepth" -> maxDepth = n;
                        default -> maxDirs = n;
                    }
                }
                default -> throw new IllegalArgumentException("ListOptions: '" + args.get(i) + "' is not supported "
                        + "yet (known: strict, maxfiles N, maxdepth N, maxdirs N, LISTOnly, NLSTOnly, SortedNLST)");
            }
        }
        return new ListOptions(new ListFlags(all, recursive), strict, scope, maxFiles, maxDepth, maxDirs);
    }
}
