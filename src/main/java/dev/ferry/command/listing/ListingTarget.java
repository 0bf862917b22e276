package dev.ferry.command.listing;

import dev.ferry.config.ListFlags;
import dev.ferry.config.ListOptions;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.EntryVisibility;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a listing command lists: a directory's entries, a single file, or the entries of a
 * directory that match a wildcard; sorted by name, dot-files only when asked for, and names
 * that cannot be shown on one line (CR, LF) left out, as are entries the session is not shown
 * ({@link EntryVisibility}: HideUser, HideGroup, HideNoAccess, dot-files it may not access).
 * With {@code -R}, the subdirectories below, each a {@link Section} of its own.
 *
 * <p>The listed directory's {@link ListOptions} decide the flags that count (the client's, plus
 * {@code ListOptions}/{@code -D} defaults, or only those under {@code strict}) and bound the
 * work: {@code maxfiles} entries and {@code maxdirs} directories in the whole listing, {@code -R}
 * at most {@code maxdepth} levels deep. A directory reached twice (through a link) is listed once.
 *
 * @param directory where the entries live
 * @param entries   the entries to show
 * @param single    true when the argument named one file (not a directory's contents)
 * @param recursive {@code -R} was in effect for a directory: every section gets a heading
 * @param heading   the listed directory as the client named it ("." for the working directory)
 * @param below     with {@code -R}: every subdirectory's section, depth first, in name order
 */
public record ListingTarget(VirtualPath directory, List<FileEntry> entries, boolean single, boolean recursive,
                            String heading, List<Section> below) {

    /**
     * One subdirectory of a recursive listing.
     *
     * @param directory the subdirectory
     * @param relative  its path below the listed directory ("sub", "sub/deeper")
     * @param entries   its entries, with the same rules as the top ones
     */
    public record Section(VirtualPath directory, String relative, List<FileEntry> entries) {
    }

    /** A section's heading: its path as the client named the listed directory ("dir/sub", "./sub"). */
    public String headingOf(Section section) {
        return heading.endsWith("/") ? heading + section.relative() : heading + "/" + section.relative();
    }

    public static ListingTarget resolve(Session session, ListingRequest request, ListOptions.Command command)
            throws FtpException, FsException {
        VirtualPath path = session.resolve(request.path());
        session.require(Permission.LIST, path);
        FileEntry entry;
        try {
            entry = session.fs().stat(path);
        } catch (FsException.NotFound e) {
            if (!path.isRoot() && Glob.isPattern(path.name())) {
                VirtualPath directory = path.parent();
                session.require(Permission.LIST, directory);
                Budget budget = new Budget(options(session, directory));
                ListFlags flags = budget.options.effective(request.flags(), command);
                return new ListingTarget(directory, sorted(session.fs().list(directory), flags, Glob.compile(path.name()),
                        visibility(session).shownIn(directory), budget), false, false, "", List.of());
            }
            throw e;
        }
        if (!entry.isDirectory()) {
            List<FileEntry> one = path.isRoot() || visibility(session).shownIn(path.parent()).test(entry)
                    ? List.of(entry) : List.of();
            return new ListingTarget(path.parent(), one, true, false, "", List.of());
        }
        Budget budget = new Budget(options(session, path));
        ListFlags flags = budget.options.effective(request.flags(), command);
        List<FileEntry> entries = sorted(session.fs().list(path), flags, null, visibility(session).shownIn(path), budget);
        List<Section> below = new ArrayList<>();
        String root = request.path().strip();
        String heading = root.isEmpty() ? "." : stripSlash(root);
        if (flags.recursive()) {
            Set<String> seen = new HashSet<>();
            seen.add(entry.unique());
            descend(session, path, "", entries, flags, 1, budget, seen, below);
        }
        return new ListingTarget(path, entries, false, flags.recursive(), heading, below);
    }

    /** Depth first, as {@code ls -R}: each subdirectory's section, then its own subdirectories. */
    private static void descend(Session session, VirtualPath directory, String relative, List<FileEntry> entries,
                                ListFlags flags, int depth, Budget budget, Set<String> seen, List<Section> out) {
        if (depth > budget.options.maxDepth()) {
            return;
        }
        for (FileEntry e : entries) {
            if (!e.isDirectory() || budget.exhausted() || !seen.add(e.unique())) {
                continue;
            }
            VirtualPath sub;
            List<FileEntry> inside;
            try {
                sub = directory.child(e.name());
                session.require(Permission.LIST, sub);
                inside = sorted(session.fs().list(sub), flags, null, visibility(session).shownIn(sub), budget);
            } catch (FtpException | FsException refused) {
                continue; // not listable for this user, or gone meanwhile: left out, as ls -R does
            }
            String subRelative = relative.isEmpty() ? e.name() : relative + "/" + e.name();
            out.add(new Section(sub, subRelative, inside));
            descend(session, sub, subRelative, inside, flags, depth + 1, budget, seen, out);
        }
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static ListOptions options(Session session, VirtualPath directory) {
        return session.rules().files(session.hostPath(directory)).listOptions();
    }

    /** What the session's user is shown. */
    static EntryVisibility visibility(Session session) {
        return new EntryVisibility(session.account().name(), session.account().groups(),
                session.account().access(), session.rules(), session::hostPath);
    }

    /** The entries shown, in name order: the first ones by name while the budget lasts. */
    private static List<FileEntry> sorted(List<FileEntry> all, ListFlags flags, Glob pattern,
                                          Predicate<FileEntry> visible, Budget budget) {
        List<FileEntry> candidates = new ArrayList<>();
        for (FileEntry e : all) {
            if ((flags.all() || !e.isHidden()) && printable(e.name())
                    && (pattern == null || pattern.matches(e.name())) && visible.test(e)) {
                candidates.add(e);
            }
        }
        candidates.sort(Comparator.comparing(FileEntry::name));
        if (candidates.size() <= budget.filesLeft && budget.dirsLeft == Integer.MAX_VALUE) {
            budget.filesLeft -= candidates.size(); // the usual case: nothing left out, nothing to copy
            return candidates;
        }
        List<FileEntry> shown = new ArrayList<>(Math.min(candidates.size(), budget.filesLeft));
        for (FileEntry e : candidates) {
            if (budget.exhausted()) {
                break;
            }
            if (budget.take(e)) {
                shown.add(e);
            }
        }
        return shown;
    }

    /** Names with line breaks would forge extra listing lines. */
    public static boolean printable(String name) {
        return name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
    }

    /** What one listing may still show: ListOptions' maxfiles and maxdirs, counted down. */
    private static final class Budget {
        final ListOptions options;
        int filesLeft;
        int dirsLeft;

        Budget(ListOptions options) {
            this.options = options;
            this.filesLeft = options.maxFiles();
            this.dirsLeft = options.maxDirs();
        }

        /** Counts {@code e} against the limits; false when it must be left out. */
        boolean take(FileEntry e) {
            if (e.isDirectory()) {
                if (dirsLeft == 0) {
                    return false;
                }
                dirsLeft--;
            }
            filesLeft--;
            return true;
        }

        boolean exhausted() {
            return filesLeft == 0;
        }
    }
}
