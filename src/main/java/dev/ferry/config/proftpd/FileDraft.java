package dev.ferry.config.proftpd;

import dev.ferry.config.FileRules;
import dev.ferry.config.file.ConfigNode;
import dev.ferry.policy.limit.NameExpression;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The file settings one context gives ({@code AllowOverwrite}, {@code Umask}, ...), as they are read. */
final class FileDraft {
    private Optional<Boolean> allowOverwrite = Optional.empty();
    private Optional<Boolean> allowStoreRestart = Optional.empty();
    private Optional<Boolean> allowRetrieveRestart = Optional.empty();
    private Optional<Optional<String>> hiddenStores = Optional.empty();
    private Optional<Integer> umask = Optional.empty();
    private Optional<Long> maxStoreSize = Optional.empty();
    private Optional<Long> maxRetrieveSize = Optional.empty();
    private Optional<Optional<Pattern>> allowFilter = Optional.empty();
    private Optional<Optional<Pattern>> denyFilter = Optional.empty();
    private Optional<Optional<NameExpression>> hideUser = Optional.empty();
    private Optional<Optional<NameExpression>> hideGroup = Optional.empty();
    private Optional<Boolean> hideNoAccess = Optional.empty();
    private Optional<Boolean> timesGmt = Optional.empty();

    /** Reads {@code d} if it is a file setting; false when it is not one. */
    boolean read(ConfigNode d) throws Values.Invalid {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "allowoverwrite" -> allowOverwrite = Optional.of(Values.onOff(d));
            case "allowstorerestart" -> allowStoreRestart = Optional.of(Values.onOff(d));
            case "allowretrieverestart" -> allowRetrieveRestart = Optional.of(Values.onOff(d));
            case "hiddenstores", "umask", "maxstorefilesize", "maxretrievefilesize", "hideuser", "hidegroup",
                    "hidenoaccess" -> throw new Values.Invalid(d.name() + " is not supported yet");
            case "timesgmt" -> {
                if (!Values.onOff(d)) {
                    throw new Values.Invalid("TimesGMT off is not supported yet (listings show UTC)");
                }
                timesGmt = Optional.of(true);
            }
            case "allowfilter" -> allowFilter = Optional.of(Optional.of(Values.regex(d)));
            case "denyfilter" -> denyFilter = Optional.of(Optional.of(Values.regex(d)));
            default -> {
                return false;
            }
        }
        return true;
    }

    FileRules.Overrides overrides() {
        return new FileRules.Overrides(allowOverwrite, allowStoreRestart, allowRetrieveRestart, hiddenStores, umask,
                maxStoreSize, maxRetrieveSize, allowFilter, denyFilter, hideUser, hideGroup, hideNoAccess, timesGmt);
    }
}
