package dev.ferry.config;

import dev.ferry.policy.limit.NameExpression;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may be done to files in a context (server, {@code <Anonymous>}, {@code <Directory>}), as
 * ProFTPD's directives of the same names (mod_core, mod_xfer).
 *
 * @param allowOverwrite       {@code AllowOverwrite}: STOR may replace an existing file
 * @param allowStoreRestart    {@code AllowStoreRestart}: REST before STOR/APPE (resuming uploads; also
 *                             needs AllowOverwrite, FAQ ch. 5 §21)
 * @param allowRetrieveRestart {@code AllowRetrieveRestart}: REST before RETR
 * @param hiddenStores         {@code HiddenStores}: upload into "PREFIX name." and rename when complete,
 *                             so nobody sees a partial file; the prefix, or empty when off
 * @param umask                {@code Umask}'s first value: bits cleared from 0666 for new files
 * @param directoryUmask       {@code Umask}'s second value: bits cleared from 0777 for new
 *                             directories (the first value when only one is given)
 * @param maxStoreSize         {@code MaxStoreFileSize} in bytes, 0 = no limit
 * @param maxRetrieveSize      {@code MaxRetrieveFileSize} in bytes, 0 = no limit
 * @param allowFilter          {@code AllowFilter}: command arguments must match it
 * @param denyFilter           {@code DenyFilter}: command arguments must not match it
 * @param hideUser             {@code HideUser}: listings leave out entries whose owner matches; the
 *                             name {@code ~} stands for the logged-in user
 * @param hideGroup            {@code HideGroup}: ... or whose group matches; {@code ~} stands for the
 *                             logged-in user's groups
 * @param hideNoAccess         {@code HideNoAccess}: listings leave out what the client may not enter or read
 * @param timesGmt             {@code TimesGMT}: LIST dates in UTC (else the server's time zone)
 * @param displayChdirOnce     {@code DisplayChdir file on}: the file is shown the first time a
 *                             directory is entered in a session (again only if it changed), not
 *                             at every CWD
 * @param maxDiskUsagePercent  Pure-FTPd's {@code -k}: no upload starts while the file system that
 *                             would hold it is more than this percentage full; 0 = no limit
 * @param listOptions          {@code ListOptions} (Pure-FTPd's {@code -D} and {@code -L}): default
 *                             listing flags and listing limits
 * @param customerProof        Pure-FTPd's {@code -Z}: SITE CHMOD always leaves the owner able to read
 *                             and write a file ({@code 0600}) and to enter a directory ({@code 0700})
 * @param autoRename           Pure-FTPd's {@code -r}: a STOR onto an existing file is saved as
 *                             {@code name.1}, {@code name.2}, ... instead of replacing it
 */
public record FileRules(boolean allowOverwrite, boolean allowStoreRestart, boolean allowRetrieveRestart,
                        Optional<String> hiddenStores, int umask, int directoryUmask, long maxStoreSize,
                        long maxRetrieveSize, Optional<Pattern> allowFilter, Optional<Pattern> denyFilter,
                        Optional<NameExpression> hideUser, Optional<NameExpression> hideGroup, boolean hideNoAccess,
                        boolean timesGmt, boolean displayChdirOnce, int maxDiskUsagePercent,
                        ListOptions listOptions, boolean customerProof, boolean autoRename) {

    /** The prefix {@code HiddenStores on} uses, as ProFTPD: ".in.NAME." */
    public static final String HIDDEN_STORE_PREFIX = ".in.";

    /** What ProFTPD puts after the name of a hidden upload. */
    public static final String HIDDEN_STORE_SUFFIX = ".";

    /** Ferry's defaults without a configuration file: users own their jail. */
    public static final FileRules FERRY = new FileRules(true, true, true, Optional.empty(), 022, 022, 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, false, 0,
            ListOptions.DEFAULT, false, false);

    /** ProFTPD's defaults, used under a configuration file so that it means what it meant there. */
    public static final FileRules PROFTPD = new FileRules(false, false, true, Optional.empty(), 022, 022, 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true, false, 0,
            ListOptions.DEFAULT, false, false);

    public FileRules {
        java.util.Objects.requireNonNull(listOptions, "listOptions");
        if (umask < 0 || umask > 0777 || directoryUmask < 0 || directoryUmask > 0777) {
            throw new IllegalArgumentException("umask must be an octal number from 000 to 777");
        }
        if (maxStoreSize < 0 || maxRetrieveSize < 0) {
            throw new IllegalArgumentException("file size limits must not be negative");
        }
        if (maxDiskUsagePercent < 0 || maxDiskUsagePercent > 99) {
            throw new IllegalArgumentException("the disk usage limit is a percentage from 1 to 99 (0 = none)");
        }
        if (hiddenStores.isPresent() && !validPrefix(hiddenStores.get())) {
            throw new IllegalArgumentException("HiddenStores prefix must be a file name part without '/' or "
                    + "control characters, not '" + hiddenStores.get() + "'");
        }
    }

    /** Rules with one umask for files and directories, and DisplayChdir files shown at every CWD. */
    public FileRules(boolean allowOverwrite, boolean allowStoreRestart, boolean allowRetrieveRestart,
                     Optional<String> hiddenStores, int umask, long maxStoreSize, long maxRetrieveSize,
                     Optional<Pattern> allowFilter, Optional<Pattern> denyFilter,
                     Optional<NameExpression> hideUser, Optional<NameExpression> hideGroup, boolean hideNoAccess,
                     boolean timesGmt) {
        this(allowOverwrite, allowStoreRestart, allowRetrieveRestart, hiddenStores, umask, umask, maxStoreSize,
                maxRetrieveSize, allowFilter, denyFilter, hideUser, hideGroup, hideNoAccess, timesGmt, false, 0,
                ListOptions.DEFAULT, false, false);
    }

    private static boolean validPrefix(String prefix) {
        return prefix.length() <= 64 && prefix.chars().noneMatch(c -> c == '/' || c == 0 || Character.isISOControl(c));
    }

    /** Whether these rules hide any listing entry by owner, group or access. */
    public boolean hidesEntries() {
        return hideUser.isPresent() || hideGroup.isPresent() || hideNoAccess;
    }

    /**
     * The mode SITE CHMOD sets when asked for {@code requested}: under {@code -Z} the owner keeps
     * read and write on a file and read, write and search on a directory.
     */
    public int chmodMode(int requested, boolean directory) {
        return customerProof ? requested | (directory ? 0700 : 0600) : requested;
    }

    /** The mode a new file gets: 0666 without the umask's bits (ProFTPD never creates executable files). */
    public int fileMode() {
        return 0666 & ~umask;
    }

    /** The mode a new directory gets. */
    public int directoryMode() {
        return 0777 & ~directoryUmask;
    }

    /** The name an upload to {@code name} is written under while it runs, when HiddenStores is on. */
    public Optional<String> hiddenStoreName(String name) {
        return hiddenStores.map(prefix -> prefix + name + HIDDEN_STORE_SUFFIX);
    }

    /** These rules with a more specific context's settings laid over them. */
    public FileRules with(Overrides o) {
        return new FileRules(o.allowOverwrite.orElse(allowOverwrite),
                o.allowStoreRestart.orElse(allowStoreRestart), o.allowRetrieveRestart.orElse(allowRetrieveRestart),
                o.hiddenStores.isPresent() ? o.hiddenStores.get() : hiddenStores, o.umask.orElse(umask),
                o.directoryUmask.orElse(directoryUmask),
                o.maxStoreSize.orElse(maxStoreSize), o.maxRetrieveSize.orElse(maxRetrieveSize),
                o.allowFilter.isPresent() ? o.allowFilter.get() : allowFilter,
                o.denyFilter.isPresent() ? o.denyFilter.get() : denyFilter,
                o.hideUser.isPresent() ? o.hideUser.get() : hideUser,
                o.hideGroup.isPresent() ? o.hideGroup.get() : hideGroup,
                o.hideNoAccess.orElse(hideNoAccess), o.timesGmt.orElse(timesGmt),
                o.displayChdirOnce.orElse(displayChdirOnce), maxDiskUsagePercent,
                o.listOptions.orElse(listOptions), customerProof, autoRename);
    }

    /** The settings one context gives explicitly; empty fields inherit. */
    public record Overrides(Optional<Boolean> allowOverwrite, Optional<Boolean> allowStoreRestart,
                            Optional<Boolean> allowRetrieveRestart, Optional<Optional<String>> hiddenStores,
                            Optional<Integer> umask, Optional<Integer> directoryUmask, Optional<Long> maxStoreSize,
                            Optional<Long> maxRetrieveSize, Optional<Optional<Pattern>> allowFilter,
                            Optional<Optional<Pattern>> denyFilter, Optional<Optional<NameExpression>> hideUser,
                            Optional<Optional<NameExpression>> hideGroup, Optional<Boolean> hideNoAccess,
                            Optional<Boolean> timesGmt, Optional<Boolean> displayChdirOnce,
                            Optional<ListOptions> listOptions) {

        public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());

        /** Overrides where {@code umask} covers directories too, and DisplayChdir's flag is inherited. */
        public Overrides(Optional<Boolean> allowOverwrite, Optional<Boolean> allowStoreRestart,
                         Optional<Boolean> allowRetrieveRestart, Optional<Optional<String>> hiddenStores,
                         Optional<Integer> umask, Optional<Long> maxStoreSize, Optional<Long> maxRetrieveSize,
                         Optional<Optional<Pattern>> allowFilter, Optional<Optional<Pattern>> denyFilter,
                         Optional<Optional<NameExpression>> hideUser, Optional<Optional<NameExpression>> hideGroup,
                         Optional<Boolean> hideNoAccess, Optional<Boolean> timesGmt) {
            this(allowOverwrite, allowStoreRestart, allowRetrieveRestart, hiddenStores, umask, umask, maxStoreSize,
                    maxRetrieveSize, allowFilter, denyFilter, hideUser, hideGroup, hideNoAccess, timesGmt,
                    Optional.empty(), Optional.empty());
        }

        /** Whether these overrides set {@code HideUser}, {@code HideGroup} or {@code HideNoAccess}. */
        public boolean touchesHiding() {
            return hideUser.isPresent() || hideGroup.isPresent() || hideNoAccess.isPresent();
        }

        public boolean isEmpty() {
            return equals(NONE);
        }
    }
}
