package dev.ferry.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An anonymous area ({@code <Anonymous dir>}; Pure-FTPd's anonymous FTP). Anonymous areas are
 * read-only unless a {@code <Limit>} allows a write command, and dot-files in them can be
 * neither read nor created.
 *
 * @param root            the area on the host ("/" for its users)
 * @param account         {@code User}: the login name that selects this area (unless
 *                        {@code authAliasOnly}), and the account whose password
 *                        {@code AnonRequirePassword} checks
 * @param group           {@code Group}: the group the session counts as a member of, for
 *                        {@code AllowGroup}/{@code DenyGroup}
 * @param aliases         further login names for this area ({@code UserAlias} inside it)
 * @param authAliasOnly   {@code AuthAliasOnly}: only the aliases select the area, not {@code account}
 * @param requirePassword {@code AnonRequirePassword}: the password must be the account's own;
 *                        otherwise any password (by custom an e-mail address) is accepted
 * @param uploadDir       Pure-FTPd's drop directory (relative to the root): new files may be
 *                        uploaded there but not downloaded; empty when none
 * @param writesByLimit   true for a configured {@code <Anonymous>}: write commands are allowed
 *                        only where a {@code <Limit>} allows them; false for Pure-FTPd's
 *                        read-only area with its drop directory
 * @param messages        banner and message files inside this area
 * @param files           file settings at the area's top level
 * @param access          {@code <Limit>} and {@code <Directory>} rules inside the area
 * @param maxClients      {@code MaxClients} inside {@code <Anonymous>} (Pure-FTPd: the second
 *                        number of {@code -y}): logins into this area at once; 0 = no cap of its
 *                        own, and then {@code MaxClientsPerUser} counts them as one user
 * @param maxClientsText  the administrator's refusal text for that cap ({@code %m} = the cap)
 * @param readsDotFiles   Pure-FTPd's {@code -z}: anonymous users may list and download dot-files
 *                        (never create or change them)
 * @param makesDirectories Pure-FTPd's {@code -M}: anonymous users may create directories inside the
 *                        drop directory, and upload new files into them
 */
public record AnonymousConfig(Path root, String account, Optional<String> group, Set<String> aliases,
                              boolean authAliasOnly, boolean requirePassword, Optional<String> uploadDir, boolean writesByLimit,
                              Messages messages, FileRules files, AccessRules access, int maxClients,
                              Optional<String> maxClientsText, boolean readsDotFiles, boolean makesDirectories) {

    /** The login names Pure-FTPd and every FTP client use for anonymous access. */
    public static final Set<String> STANDARD_NAMES = Set.of("anonymous", "ftp");

    public AnonymousConfig {
        root = root.toAbsolutePath().normalize();
        Objects.requireNonNull(account);
        Objects.requireNonNull(group);
        aliases = Set.copyOf(aliases);
        Objects.requireNonNull(uploadDir);
        Objects.requireNonNull(messages);
        Objects.requireNonNull(files);
        Objects.requireNonNull(access);
        if (maxClients < 0) {
            throw new IllegalArgumentException("MaxClients of an anonymous area cannot be negative");
        }
        Objects.requireNonNull(maxClientsText);
    }

    /** An area whose users never read dot-files (every {@code <Anonymous>} of a configuration file). */
    public AnonymousConfig(Path root, String account, Optional<String> group, Set<String> aliases,
                           boolean authAliasOnly, boolean requirePassword, Optional<String> uploadDir,
                           boolean writesByLimit, Messages messages, FileRules files, AccessRules access, int maxClients,
                           Optional<String> maxClientsText) {
        this(root, account, group, aliases, authAliasOnly, requirePassword, uploadDir, writesByLimit, messages, files,
                access, maxClients, maxClientsText, false, false);
    }

    /**
     * Pure-FTPd's anonymous FTP from the command line: "anonymous" and "ftp" with any password,
     * read-only, with an optional drop directory.
     */
    public static AnonymousConfig standard(Path root, Optional<String> uploadDir, Messages messages) {
        return new AnonymousConfig(root, "ftp", Optional.empty(), Set.of("anonymous"), false, false, uploadDir, false,
                messages, FileRules.FERRY, AccessRules.NONE, 0, Optional.empty());
    }

    /** This area with at most {@code max} logins at once (0 = no cap of its own). */
    public AnonymousConfig withMaxClients(int max) {
        return new AnonymousConfig(root, account, group, aliases, authAliasOnly, requirePassword, uploadDir,
                writesByLimit, messages, files, access, max, maxClientsText, readsDotFiles, makesDirectories);
    }

    /** This area with dot-files readable ({@code true}) or not, as Pure-FTPd's {@code -z} says. */
    public AnonymousConfig withDotFilesReadable(boolean readable) {
        return new AnonymousConfig(root, account, group, aliases, authAliasOnly, requirePassword, uploadDir,
                writesByLimit, messages, files, access, maxClients, maxClientsText, readable, makesDirectories);
    }

    /** This area with directories creatable in its drop directory ({@code true}), as Pure-FTPd's {@code -M} says. */
    public AnonymousConfig withDirectoriesCreatable(boolean creatable) {
        return new AnonymousConfig(root, account, group, aliases, authAliasOnly, requirePassword, uploadDir,
                writesByLimit, messages, files, access, maxClients, maxClientsText, readsDotFiles, creatable);
    }

    /** Whether logging in as {@code loginName} enters this area. */
    public boolean selectedBy(String loginName, Map<String, String> serverAliases) {
        String name = loginName.toLowerCase(Locale.ROOT);
        if (!authAliasOnly && name.equals(account.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
            return true;
        }
        String real = serverAliases.get(loginName);
        return real != null && real.equalsIgnoreCase(account);
    }
}
