package dev.ferry.policy;

import dev.ferry.config.FileRules;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualFileSystem;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.limit.Decision;
import dev.ferry.policy.limit.NameExpression;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which directory entries one logged-in session is shown. An entry is hidden when
 *
 * <ul>
 *   <li>the access policy lets the session neither list nor read it: dot-files for anonymous
 *       users and under Pure-FTPd's {@code -X}, whose {@code ls -a} does not show them either;
 *   <li>{@code HideUser} matches its owner or {@code HideGroup} its group (ProFTPD mod_core;
 *       {@code ~} is the logged-in user, or for groups any of the user's groups, {@code !}
 *       negates), in the rules in force at the entry itself, as ProFTPD judges each entry by
 *       its own context: a {@code <Directory Private>} with {@code HideGroup} hides
 *       {@code Private} in its parent's listing as well as everything inside it (FAQ ch. 5 §6);
 *   <li>{@code HideNoAccess on} holds at the entry and the session may not enter it (a directory:
 *       CWD) or read it (anything else: RETR), by the access policy and the {@code <Limit>}
 *       blocks that apply to it.
 * </ul>
 *
 * Listings (LIST, NLST, STAT, MLSD) leave hidden entries out; other commands still reach them
 * unless a {@code <Limit>} for the command says {@code IgnoreHidden on}, and then they answer as
 * if the entry did not exist.
 */
public final class EntryVisibility {
    private final String user;
    private final Set<String> groups;
    private final AccessPolicy access;
    private final ContextRules rules;
    private final Function<VirtualPath, Path> hostPath;

    /**
     * @param user     the logged-in user's name, for {@code HideUser ~}
     * @param groups   the user's groups, for {@code HideGroup ~}
     * @param hostPath where a virtual path lies on the host, for the rules in force there
     */
    public EntryVisibility(String user, Set<String> groups, AccessPolicy access, ContextRules rules,
                           Function<VirtualPath, Path> hostPath) {
        this.user = Objects.requireNonNull(user, "user");
        this.groups = Set.copyOf(groups);
        this.access = Objects.requireNonNull(access, "access");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.hostPath = Objects.requireNonNull(hostPath, "hostPath");
    }

    /** The test a listing of {@code directory} applies to each of its entries. */
    public Predicate<FileEntry> shownIn(VirtualPath directory) {
        if (!rules.mayHideEntries() && access == AccessPolicy.FULL) {
            return entry -> true; // the usual case: no rules to look up per entry
        }
        return entry -> shown(directory, entry);
    }

    /**
     * Whether {@code path} names an existing entry that listings of its directory leave out. The
     * root, and a path that does not exist or cannot be looked at, are not hidden: the command
     * fails or succeeds on its own.
     */
    public boolean isHidden(VirtualFileSystem fs, VirtualPath path) {
        if (path.isRoot()) {
            return false;
        }
        FileEntry entry;
        try {
            entry = fs.stat(path);
        } catch (FsException e) {
            return false;
        }
        return !shownIn(path.parent()).test(entry);
    }

    private boolean shown(VirtualPath directory, FileEntry entry) {
        VirtualPath path;
        try {
            path = directory.child(entry.name());
        } catch (FsException.InvalidName e) {
            return false; // a name no command could reach
        }
        if (!access.permits(Permission.LIST, path) && !access.permits(Permission.READ, path)) {
            return false;
        }
        if (!rules.mayHideEntries()) {
            return true;
        }
        FileRules files = rules.files(hostPath.apply(path));
        if (files.hideUser().isPresent() && matches(files.hideUser().get(), entry.owner(), Set.of(user))) {
            return false;
        }
        if (files.hideGroup().isPresent() && matches(files.hideGroup().get(), entry.group(), groups)) {
            return false;
        }
        return !files.hideNoAccess() || accessible(path, entry);
    }

    /** HideNoAccess: a directory must be enterable, anything else readable. */
    private boolean accessible(VirtualPath path, FileEntry entry) {
        boolean directory = entry.isDirectory();
        if (!access.permits(directory ? Permission.LIST : Permission.READ, path)) {
            return false;
        }
        Decision decision = directory ? rules.decide("CWD", "DIRS", hostPath.apply(path))
                : rules.decide("RETR", "READ", hostPath.apply(path));
        return decision != Decision.DENY;
    }

    /** A HideUser/HideGroup expression against one owner name; {@code ~} stands for {@code self}. */
    private static boolean matches(NameExpression expression, String name, Set<String> self) {
        return switch (expression.mode()) {
            case REGEX -> expression.matches(name);
            case AND -> expression.terms().stream().allMatch(t -> holds(t, name, self));
            case OR -> expression.terms().stream().anyMatch(t -> holds(t, name, self));
        };
    }

    private static boolean holds(NameExpression.Term term, String name, Set<String> self) {
        boolean named = term.name().equals("~") ? self.contains(name) : term.name().equals(name);
        return named != term.negated();
    }
}
