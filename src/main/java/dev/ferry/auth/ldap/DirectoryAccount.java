package dev.ferry.auth.ldap;

import com.unboundid.ldap.sdk.Entry;
import dev.ferry.auth.AuthResult;
import dev.ferry.auth.HomeDirectory;
import dev.ferry.auth.UserAccount;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserNames;
import dev.ferry.policy.AccessPolicy;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a directory entry into the account a session runs as: its name, its home (with Pure-FTPd's
 * {@code /./} split into jail and start), its groups, and the per-user limits and status of
 * Pure-FTPd's {@code PureFTPdUser} schema (read as Pure-FTPd's log_ldap.c reads them).
 */
final class DirectoryAccount {
    private static final long MEGABYTE = 1024L * 1024;
    private static final long KILOBYTE = 1024L;

    private DirectoryAccount() {
    }

    /**
     * The name the account goes by: the entry's own spelling of the login name when one of its
     * {@code uid} values is the login name in another case (LDAP compares names without case),
     * otherwise the login name as given.
     */
    static String canonicalName(Entry entry, LdapSettings settings, String login) {
        String[] uids = entry.getAttributeValues(settings.attributes().uid());
        if (uids != null) {
            for (String uid : uids) {
                if (uid.equalsIgnoreCase(login) && UserNames.isValid(uid)) {
                    return uid;
                }
            }
        }
        return login;
    }

    /** The account of {@code entry}, or why it cannot log in. */
    static AuthResult account(Entry entry, LdapSettings settings, String name, Set<String> groups) {
        LdapSettings.LimitAttributes names = settings.limitAttributes();
        if (names.status().isPresent()) {
            String status = entry.getAttributeValue(names.status().get());
            // log_ldap.c: an FTPStatus other than "enabled" or "TRUE" keeps the account out
            if (status != null && !status.equalsIgnoreCase("enabled") && !status.equalsIgnoreCase("TRUE")) {
                return new AuthResult.Failure("account disabled (" + names.status().get() + " " + status + ")");
            }
        }
        Optional<String> homeText = home(entry, settings, name);
        if (homeText.isEmpty()) {
            return new AuthResult.Failure("the LDAP entry " + entry.getDN() + " has no "
                    + settings.attributes().homeDirectory() + " and no home is generated for it");
        }
        UserLimits limits;
        try {
            limits = limits(entry, names);
        } catch (IllegalArgumentException e) {
            return new AuthResult.Failure("the LDAP entry " + entry.getDN() + " has " + e.getMessage());
        }
        return HomeDirectory.parse(homeText.get())
                .<AuthResult>map(jail -> new AuthResult.Success(new UserAccount(name, false, jail.root(), jail.start(),
                        Optional.of(jail.home()), groups, AccessPolicy.FULL, limits)))
                .orElseGet(() -> new AuthResult.Failure("the home '" + homeText.get() + "' of the LDAP entry "
                        + entry.getDN() + " is not an absolute path"));
    }

    private static Optional<String> home(Entry entry, LdapSettings settings, String name) {
        String stored = entry.getAttributeValue(settings.attributes().homeDirectory());
        Optional<LdapSettings.GeneratedHome> generated = settings.generatedHome();
        if (generated.isPresent() && (generated.get().force() || stored == null || stored.isEmpty())) {
            Path prefix = generated.get().prefix();
            return Optional.of((generated.get().appendName() ? prefix.resolve(name) : prefix).toString());
        }
        return stored == null || stored.isEmpty() ? Optional.empty() : Optional.of(stored);
    }

    /** The limits an entry sets; zero or absent is no limit of its own, as in log_ldap.c. */
    static UserLimits limits(Entry entry, LdapSettings.LimitAttributes names) {
        long quotaFiles = number(entry, names.quotaFiles());
        long quotaBytes = times(number(entry, names.quotaMBytes()), MEGABYTE, names.quotaMBytes());
        long upload = times(number(entry, names.uploadBandwidth()), KILOBYTE, names.uploadBandwidth());
        long download = times(number(entry, names.downloadBandwidth()), KILOBYTE, names.downloadBandwidth());
        long ratioUp = number(entry, names.uploadRatio());
        long ratioDown = number(entry, names.downloadRatio());
        if ((ratioUp == 0) != (ratioDown == 0)) {
            throw new IllegalArgumentException("half a ratio: " + names.uploadRatio().orElse("upload ratio") + " "
                    + ratioUp + " and " + names.downloadRatio().orElse("download ratio") + " " + ratioDown
                    + " (both or neither must be set)");
        }
        return new UserLimits(0, upload, download, quotaBytes, quotaFiles, ratioUp, ratioDown);
    }

    private static long number(Entry entry, Optional<String> attribute) {
        if (attribute.isEmpty()) {
            return 0;
        }
        String value = entry.getAttributeValue(attribute.get());
        if (value == null || value.isBlank()) {
            return 0;
        }
        String digits = value.strip();
        if (!digits.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("an invalid " + attribute.get() + " '" + value
                    + "' (a whole number, not negative)");
        }
        return Long.parseLong(digits);
    }

    private static long times(long n, long unit, Optional<String> attribute) {
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a " + attribute.orElse("limit") + " too large: " + n);
        }
    }
}
