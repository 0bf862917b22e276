package dev.ferry.config;

import dev.ferry.policy.limit.NameExpression;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may be done to files in a context (server, {@code <Anonymous>}, {@code <Directory>}), as
 * ProFTPD's directives of the same names.
 *
 * @param allowOverwrite       {@code AllowOverwrite}: STOR may replace an existing file
 * @param allowStoreRestart    {@code AllowStoreRestart}: REST before STOR/APPE (resuming uploads; also
 *                             needs AllowOverwrite, FAQ ch. 5 §21)
 * @param allowRetrieveRestart {@code AllowRetrieveRestart}: REST before RETR
 * @param hiddenStores         {@code HiddenStores}: upload into "PREFIX name." and rename when complete,
 *                             so nobody sees a partial file; the prefix, or empty when off
 * @param umask                {@code Umask}: bits cleared from 0666 (files) and 0777 (directories)
 * @param maxStoreSize         {@code MaxStoreFileSize} in bytes, 0 = no limit
 * @param maxRetrieveSize      {@code MaxRetrieveFileSize} in bytes, 0 = no limit
 * @param allowFilter          {@code AllowFilter}: command arguments must match it
 * @param denyFilter           {@code DenyFilter}: command arguments must not match it
 * @param hideUser             {@code HideUser}: listings leave out entries owned by these users
 * @param hideGroup            {@code HideGroup}: ... or owned by these groups
 * @param hideNoAccess         {@code HideNoAccess}: listings leave out what the client may not enter or read
 * @param timesGmt             {@code TimesGMT}: listings show UTC (else the server's time zone)
 */
public record FileRules(boolean allowOverwrite, boolean allowStoreRestart, boolean allowRetrieveRestart,
                        Optional<String> hiddenStores, int umask, long maxStoreSize, long maxRetrieveSize,
                        Optional<Pattern> allowFilter, Optional<Pattern> denyFilter,
                        Optional<NameExpression> hideUser, Optional<NameExpression> hideGroup, boolean hideNoAccess,
                        boolean timesGmt) {

    /** The prefix {@code HiddenStores on} uses, as ProFTPD: ".in.NAME." */
    public static final String HIDDEN_STORE_PREFIX = ".in.";

    /** Ferry's defaults without a configuration file: users own their jail. */
    public static final FileRules FERRY = new FileRules(true, true, true, Optional.empty(), 022, 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true);

    /** ProFTPD's defaults, used under a configuration file so that it means what it meant there. */
    public static final FileRules PROFTPD = new FileRules(false, false, true, Optional.empty(), 022, 0, 0,
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, true);

    public FileRules {
        if (umask < 0 || umask > 0777) {
            throw new IllegalArgumentException("umask must be an octal number from 000 to 777");
        }
        if (maxStoreSize < 0 || maxRetrieveSize < 0) {
            throw new IllegalArgumentException("file size limits must not be negative");
        }
    }

    /** These rules with a more specific context's settings laid over them. */
    public FileRules with(Overrides o) {
        return new FileRules(o.allowOverwrite.orElse(allowOverwrite),
                o.allowStoreRestart.orElse(allowStoreRestart), o.allowRetrieveRestart.orElse(allowRetrieveRestart),
                o.hiddenStores.isPresent() ? o.hiddenStores.get() : hiddenStores, o.umask.orElse(umask),
                o.maxStoreSize.orElse(maxStoreSize), o.maxRetrieveSize.orElse(maxRetrieveSize),
                o.allowFilter.isPresent() ? o.allowFilter.get() : allowFilter,
                o.denyFilter.isPresent() ? o.denyFilter.get() : denyFilter,
                o.hideUser.isPresent() ? o.hideUser.get() : hideUser,
                o.hideGroup.isPresent() ? o.hideGroup.get() : hideGroup,
                o.hideNoAccess.orElse(hideNoAccess), o.timesGmt.orElse(timesGmt));
    }

    /** The settings one context gives explicitly; empty fields inherit. */
    public record Overrides(Optional<Boolean> allowOverwrite, Optional<Boolean> allowStoreRestart,
                            Optional<Boolean> allowRetrieveRestart, Optional<Optional<String>> hiddenStores,
                            Optional<Integer> umask, Optional<Long> maxStoreSize, Optional<Long> maxRetrieveSize,
                            Optional<Optional<Pattern>> allowFilter, Optional<Optional<Pattern>> denyFilter,
                            Optional<Optional<NameExpression>> hideUser, Optional<Optional<NameExpression>> hideGroup,
                            Optional<Boolean> hideNoAccess, Optional<Boolean> timesGmt) {

        public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public boolean isEmpty() {
            return equals(NONE);
        }
    }
}
