package dev.ferry.command.listing;

import dev.ferry.command.TimeVal;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AccessPolicy;
import dev.ferry.policy.Permission;
import java.util.List;
import java.util.Locale;

/**
 * RFC 3659 §7 facts for MLST and MLSD: {@code fact=value;...; name}. Only the facts the client
 * selected with OPTS MLST are shown; "perm" is computed from the access policy, so it tells the
 * client what this user may actually do.
 */
public final class MlsxFormat {
    private final List<String> facts;
    private final AccessPolicy access;

    public MlsxFormat(List<String> facts, AccessPolicy access) {
        this.facts = facts;
        this.access = access;
    }

    /** @param path the entry's full virtual path (for perm); {@code shownName} is what follows the facts */
    public String line(FileEntry e, VirtualPath path, String shownName) {
        StringBuilder out = new StringBuilder(96);
        for (String fact : facts) {
            switch (fact) {
                case "type" -> out.append("type=").append(switch (e.kind()) {
                    case DIRECTORY -> "dir";
                    case FILE -> "file";
                    case OTHER -> "OS.unix=special";
                }).append(';');
                case "size" -> out.append(e.isDirectory() ? "sizd=" : "size=").append(e.size()).append(';');
                case "modify" -> out.append("modify=").append(TimeVal.format(e.modified())).append(';');
                case "perm" -> out.append("perm=").append(perm(e, path)).append(';');
                case "unique" -> out.append("unique=").append(e.unique()).append(';');
                case "unix.mode" -> {
                    if (e.mode() >= 0) {
                        out.append("UNIX.mode=").append(String.format(Locale.ROOT, "%04o", e.mode())).append(';');
                    }
                }
                default -> {
                }
            }
        }
        return out.append(' ').append(shownName).toString();
    }

    private String perm(FileEntry e, VirtualPath path) {
        StringBuilder p = new StringBuilder(8);
        if (e.isDirectory()) {
            if (access.permits(Permission.STORE, childProbe(path))) {
                p.append('c');
            }
            if (access.permits(Permission.RMDIR, path)) {
                p.append('d');
            }
            if (access.permits(Permission.LIST, path)) {
                p.append("el");
            }
            if (access.permits(Permission.RENAME, path)) {
                p.append('f');
            }
            if (access.permits(Permission.MKDIR, childProbe(path))) {
                p.append('m');
            }
            if (access.permits(Permission.DELETE, childProbe(path))) {
                p.append('p');
            }
        } else {
            if (access.permits(Permission.APPEND, path)) {
                p.append('a');
            }
            if (access.permits(Permission.DELETE, path)) {
                p.append('d');
            }
            if (access.permits(Permission.RENAME, path)) {
                p.append('f');
            }
            if (access.permits(Permission.READ, path)) {
                p.append('r');
            }
            if (access.permits(Permission.OVERWRITE, path)) {
                p.append('w');
            }
        }
        return p.toString();
    }

    /** Stands for "a new name inside this directory" when asking the policy about it. */
    private static VirtualPath childProbe(VirtualPath directory) {
        try {
            return directory.child("x");
        } catch (dev.ferry.fs.FsException.InvalidName impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
