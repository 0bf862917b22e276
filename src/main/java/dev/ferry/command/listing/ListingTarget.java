package dev.ferry.command.listing;

import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.EntryVisibility;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a listing command lists: a directory's entries, a single file, or the entries of a
 * directory that match a wildcard; sorted by name, dot-files only when asked for, and names
 * that cannot be shown on one line (CR, LF) left out, as are entries the session is not shown
 * ({@link EntryVisibility}: HideUser, HideGroup, HideNoAccess, dot-files it may not access).
 *
 * @param directory where the entries live
 * @param entries   the entries to show
 * @param single    true when the argument named one file (not a directory's contents)
 */
public record ListingTarget(VirtualPath directory, List<FileEntry> entries, boolean single) {

    /** Maximum entries in one listing, so a huge directory cannot exhaust memory. */
    public static final int MAX_ENTRIES = 500_000;

    public static ListingTarget resolve(Session session, String clientPath, boolean showHidden)
            throws FtpException, FsException {
        VirtualPath path = session.resolve(clientPath);
        session.require(Permission.LIST, path);
        FileEntry entry;
        try {
            entry = session.fs().stat(path);
        } catch (FsException.NotFound e) {
            if (!path.isRoot() && Glob.isPattern(path.name())) {
                return matching(session, path.parent(), Glob.compile(path.name()), showHidden);
            }
            throw e;
        }
        if (!entry.isDirectory()) {
            List<FileEntry> one = path.isRoot() || visibility(session).shownIn(path.parent()).test(entry)
                    ? List.of(entry) : List.of();
            return new ListingTarget(path.parent(), one, true);
        }
        return new ListingTarget(path, sorted(session.fs().list(path), showHidden, null,
                visibility(session).shownIn(path)), false);
    }

    private static ListingTarget matching(Session session, VirtualPath directory, Glob pattern, boolean showHidden)
            throws FtpException, FsException {
        session.require(Permission.LIST, directory);
        return new ListingTarget(directory, sorted(session.fs().list(directory), showHidden, pattern,
                visibility(session).shownIn(directory)), false);
    }

    /** What the session's user is shown. */
    static EntryVisibility visibility(Session session) {
        return new EntryVisibility(session.account().name(), session.account().groups(),
                session.account().access(), session.rules(), session::hostPath);
    }

    private static List<FileEntry> sorted(List<FileEntry> all, boolean showHidden, Glob pattern,
                                          Predicate<FileEntry> visible) {
        List<FileEntry> shown = new ArrayList<>(Math.min(all.size(), MAX_ENTRIES));
        for (FileEntry e : all) {
            if ((showHidden || !e.isHidden()) && printable(e.name())
                    && (pattern == null || pattern.matches(e.name())) && visible.test(e)) {
                shown.add(e);
                if (shown.size() == MAX_ENTRIES) {
                    break;
                }
            }
        }
        shown.sort(Comparator.comparing(FileEntry::name));
        return shown;
    }

    /** Names with line breaks would forge extra listing lines. */
    public static boolean printable(String name) {
        return name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
    }
}
