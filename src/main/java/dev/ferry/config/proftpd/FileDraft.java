package dev.ferry.config.proftpd;

import dev.ferry.config.FileRules;
import dev.ferry.config.ListOptions;
import dev.ferry.config.file.ConfigNode;
import dev.ferry.policy.limit.NameExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file settings one context gives ({@code AllowOverwrite}, {@code Umask}, ...), as they are
 * read. Syntax and meaning follow ProFTPD's mod_core ({@code Umask}, {@code HideUser},
 * {@code HideGroup}, {@code HideNoAccess}, {@code TimesGMT}, {@code DisplayChdir},
 * {@code AllowFilter}, {@code DenyFilter}), mod_ls ({@code ListOptions}) and mod_xfer ({@code AllowOverwrite},
 * {@code AllowStoreRestart}, {@code AllowRetrieveRestart}, {@code HiddenStores},
 * {@code MaxStoreFileSize}, {@code MaxRetrieveFileSize}) documentation.
 */
final class FileDraft {
    private Optional<Boolean> allowOverwrite = Optional.empty();
    private Optional<Boolean> allowStoreRestart = Optional.empty();
    private Optional<Boolean> allowRetrieveRestart = Optional.empty();
    private Optional<Optional<String>> hiddenStores = Optional.empty();
    private Optional<Integer> umask = Optional.empty();
    private Optional<Integer> directoryUmask = Optional.empty();
    private Optional<Long> maxStoreSize = Optional.empty();
    private Optional<Long> maxRetrieveSize = Optional.empty();
    private Optional<Optional<Pattern>> allowFilter = Optional.empty();
    private Optional<Optional<Pattern>> denyFilter = Optional.empty();
    /** HideUser and HideGroup lines of this context: each hides what it matches, so they add up. */
    private final List<NameExpression.Term> hiddenUsers = new ArrayList<>();
    private final List<NameExpression.Term> hiddenGroups = new ArrayList<>();
    private Optional<Boolean> hideNoAccess = Optional.empty();
    private Optional<Boolean> timesGmt = Optional.empty();
    private Optional<Boolean> displayChdirOnce = Optional.empty();
    private Optional<ListOptions> listOptions = Optional.empty();

    /** Reads {@code d} if it is a file setting; false when it is not one. */
    boolean read(ConfigNode d) throws Values.Invalid {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "allowoverwrite" -> allowOverwrite = Optional.of(Values.onOff(d));
            case "allowstorerestart" -> allowStoreRestart = Optional.of(Values.onOff(d));
            case "allowretrieverestart" -> allowRetrieveRestart = Optional.of(Values.onOff(d));
            case "hiddenstores" -> hiddenStores = Optional.of(hiddenStores(d));
            case "umask" -> {
                Values.count(d, 1, 2);
                int files = Values.octal(d, d.args().getFirst());
                umask = Optional.of(files);
                directoryUmask = Optional.of(d.args().size() == 2 ? Values.octal(d, d.args().get(1)) : files);
            }
            case "maxstorefilesize" -> maxStoreSize = Optional.of(fileSize(d));
            case "maxretrievefilesize" -> maxRetrieveSize = Optional.of(fileSize(d));
            case "hideuser" -> hiddenUsers.add(ownerName(d));
            case "hidegroup" -> hiddenGroups.add(ownerName(d));
            case "hidenoaccess" -> hideNoAccess = Optional.of(Values.onOff(d));
            case "timesgmt" -> timesGmt = Optional.of(Values.onOff(d));
            case "allowfilter" -> allowFilter = Optional.of(Optional.of(Values.regex(d)));
            case "denyfilter" -> denyFilter = Optional.of(Optional.of(Values.regex(d)));
            case "listoptions" -> {
                try {
                    listOptions = Optional.of(ListOptions.parse(d.args()));
                } catch (IllegalArgumentException e) {
                    throw new Values.Invalid(e.getMessage());
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code DisplayChdir file [on|off]}: records whether the file is shown only the first time
     * a directory is entered ({@code on}) or at every change into it, and returns the file name,
     * which the caller keeps with the context's messages.
     */
    String displayChdir(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, 2);
        String file = d.args().getFirst();
        if (file.isEmpty() || file.contains("/")) {
            throw new Values.Invalid("DisplayChdir takes a file name looked up in each directory, not a path");
        }
        displayChdirOnce = Optional.of(d.args().size() == 2 && Values.onOff(d.name(), d.args().get(1)));
        return file;
    }

    FileRules.Overrides overrides() {
        return new FileRules.Overrides(allowOverwrite, allowStoreRestart, allowRetrieveRestart, hiddenStores, umask,
                directoryUmask, maxStoreSize, maxRetrieveSize, allowFilter, denyFilter, anyOf(hiddenUsers),
                anyOf(hiddenGroups), hideNoAccess, timesGmt, displayChdirOnce, listOptions);
    }

    /** {@code HiddenStores on|off|PREFIX}; ProFTPD's second argument (a suffix) is not supported yet. */
    private static Optional<String> hiddenStores(ConfigNode d) throws Values.Invalid {
        if (d.args().size() == 2) {
            throw new Values.Invalid("HiddenStores with a suffix is not supported yet; use on, off or a prefix");
        }
        String value = Values.one(d);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> Optional.of(FileRules.HIDDEN_STORE_PREFIX);
            case "off", "no", "false" -> Optional.empty();
            default -> {
                if (value.contains("/") || value.contains("%")) {
                    throw new Values.Invalid("HiddenStores prefix must be part of a file name (no '/', and %P "
                            + "is not supported yet), not '" + value + "'");
                }
                yield Optional.of(value);
            }
        };
    }

    /**
     * {@code MaxStoreFileSize number [unit]} or {@code *}; ProFTPD's per-user, per-group and
     * per-class forms are not supported yet.
     */
    private static long fileSize(ConfigNode d) throws Values.Invalid {
        if (d.args().size() > 2 || d.args().size() == 2 && d.args().getFirst().equals("*")) {
            throw new Values.Invalid(d.name() + " for a user, group or class is not supported yet; use "
                    + "'number [B|KB|MB|GB]' or '*'");
        }
        return Values.size(d);
    }

    /** {@code HideUser name}, {@code !name}, {@code ~} (the logged-in user) or {@code !~}. */
    private static NameExpression.Term ownerName(ConfigNode d) throws Values.Invalid {
        String value = Values.one(d);
        boolean negated = value.startsWith("!");
        String name = negated ? value.substring(1) : value;
        if (name.isEmpty() || name.startsWith("!") || name.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c))) {
            throw new Values.Invalid(d.name() + " takes one name, !name, ~ or !~, not '" + value + "'");
        }
        return new NameExpression.Term(name, negated);
    }

    /** One line or several: an entry is hidden when any of them matches it. */
    private static Optional<Optional<NameExpression>> anyOf(List<NameExpression.Term> terms) {
        return terms.isEmpty() ? Optional.empty()
                : Optional.of(Optional.of(new NameExpression(NameExpression.Mode.OR, terms, Optional.empty())));
    }
}
