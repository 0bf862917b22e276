package dev.ferry.command.listing;

import dev.ferry.command.TimeVal;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.AccessPolicy;
import dev.ferry.policy.Permission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * RFC 3659 §7 facts for MLST and MLSD: {@code fact=value;...; name}. Only the facts the client
 * selected with OPTS MLST are shown; "perm" is computed from the access policy, so it tells the
 * client what this user may actually do.
 */
public final class MlsxFormat {
    /** The selected facts, in order; names this server does not know are dropped. */
    private final Fact[] facts;
    private final AccessPolicy access;
    /** The last time-val shown; entries of one directory often share their second. */
    private ModifyText last = new ModifyText(Long.MIN_VALUE, "");

    private record ModifyText(long second, String text) {
    }

    private enum Fact { TYPE, SIZE, MODIFY, PERM, UNIQUE, UNIX_MODE }

    public MlsxFormat(List<String> facts, AccessPolicy access) {
        this.facts = facts.stream().map(MlsxFormat::fact).filter(Objects::nonNull).toArray(Fact[]::new);
        this.access = access;
    }

    private static Fact fact(String name) {
        return switch (name) {
            case "type" -> Fact.TYPE;
            case "size" -> Fact.SIZE;
            case "modify" -> Fact.MODIFY;
            case "perm" -> Fact.PERM;
            case "unique" -> Fact.UNIQUE;
            case "unix.mode" -> Fact.UNIX_MODE;
            default -> null;
        };
    }

    /** @param path the entry's full virtual path (for perm); {@code shownName} is what follows the facts */
    public String line(FileEntry e, VirtualPath path, String shownName) {
        StringBuilder out = new StringBuilder(112 + shownName.length());
        for (Fact fact : facts) {
            switch (fact) {
                case TYPE -> out.append(switch (e.kind()) {
                    case DIRECTORY -> "type=dir;";
                    case FILE -> "type=file;";
                    case OTHER -> "type=OS.unix=special;";
                });
                case SIZE -> out.append(e.isDirectory() ? "sizd=" : "size=").append(e.size()).append(';');
                case MODIFY -> out.append("modify=").append(modify(e.modified())).append(';');
                case PERM -> {
                    out.append("perm=");
                    appendPerm(out, e, path);
                    out.append(';');
                }
                case UNIQUE -> out.append("unique=").append(e.unique()).append(';');
                case UNIX_MODE -> {
                    if (e.mode() >= 0) {
                        appendOctal(out.append("UNIX.mode="), e.mode()).append(';');
                    }
                }
            }
        }
        return out.append(' ').append(shownName).toString();
    }

    /** RFC 3659 §2.3 time-val to the second, as {@link TimeVal#format} writes it. */
    private String modify(Instant modified) {
        long second = modified.getEpochSecond();
        ModifyText cached = last;
        if (cached.second() == second) {
            return cached.text();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        String text;
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            text = TimeVal.format(modified); // its own padding and sign rules
        } else {
            StringBuilder s = new StringBuilder(14).append(t.getYear());
            twoDigits(s, t.getMonthValue());
            twoDigits(s, t.getDayOfMonth());
            twoDigits(s, t.getHour());
            twoDigits(s, t.getMinute());
            text = twoDigits(s, t.getSecond()).toString();
        }
        last = new ModifyText(second, text);
        return text;
    }

    /** At least four octal digits, as {@code %04o}. */
    private static StringBuilder appendOctal(StringBuilder out, int mode) {
        if (mode > 07777) {
            return out.append(Integer.toOctalString(mode));
        }
        for (int shift = 9; shift >= 0; shift -= 3) {
            out.append((char) ('0' + (mode >> shift & 7)));
        }
        return out;
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private void appendPerm(StringBuilder p, FileEntry e, VirtualPath path) {
        if (e.isDirectory()) {
            VirtualPath inside = childProbe(path);
            if (access.permits(Permission.STORE, inside)) {
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
            if (access.permits(Permission.MKDIR, inside)) {
                p.append('m');
            }
            if (access.permits(Permission.DELETE, inside)) {
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
