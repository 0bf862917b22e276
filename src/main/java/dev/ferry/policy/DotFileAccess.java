package dev.ferry.policy;

import dev.ferry.config.DotFiles;
import dev.ferry.fs.VirtualPath;
import java.util.List;
import java.util.Objects;

/**
 * Pure-FTPd's dot-file rules for real users, laid over their access policy: with {@code -x}
 * ({@link DotFiles#NO_WRITE}) nothing whose path has a component starting with a dot may be
 * created, written, renamed, deleted or chmod-ed, though it may still be listed and downloaded;
 * with {@code -X} ({@link DotFiles#NO_ACCESS}) it may not be read or entered either, and so
 * listings leave it out. Every component of the path counts, as in Pure-FTPd, so
 * {@code .ssh/authorized_keys} is as protected as {@code .ssh}.
 *
 * <p>Anonymous users get the same protection from {@link AnonymousAccess}, which uses
 * {@link #hasDotComponent} too.
 */
public final class DotFileAccess implements AccessPolicy {
    private final DotFiles rule;
    private final AccessPolicy inner;

    private DotFileAccess(DotFiles rule, AccessPolicy inner) {
        this.rule = rule;
        this.inner = inner;
    }

    /** {@code inner} with {@code rule} laid over it; {@code inner} itself when dot-files are allowed. */
    public static AccessPolicy over(AccessPolicy inner, DotFiles rule) {
        Objects.requireNonNull(inner, "inner");
        return Objects.requireNonNull(rule, "rule") == DotFiles.ALLOWED ? inner : new DotFileAccess(rule, inner);
    }

    @Override
    public boolean permits(Permission permission, VirtualPath path) {
        if ((permission.isWrite() || rule == DotFiles.NO_ACCESS) && hasDotComponent(path, 0)) {
            return false;
        }
        return inner.permits(permission, path);
    }

    /** Whether a component of {@code path} from index {@code from} on starts with a dot. */
    static boolean hasDotComponent(VirtualPath path, int from) {
        List<String> segments = path.segments();
        for (int i = from; i < segments.size(); i++) {
            if (segments.get(i).startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "dot-files " + rule + " over " + inner;
    }
}
