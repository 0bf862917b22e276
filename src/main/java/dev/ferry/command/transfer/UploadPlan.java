package dev.ferry.command.transfer;

import dev.ferry.fs.VirtualPath;
import dev.ferry.fs.WriteMode;
import java.util.Objects;

/**
 * What one STOR, APPE or STOU will do, decided on the control thread before the 150.
 *
 * @param target     the name the client asked for (or STOU's unique name)
 * @param written    where the bytes go: {@code target}, or under {@code HiddenStores} a hidden
 *                   name in the same directory that is renamed to {@code target} once complete
 * @param mode       how {@code written} is opened
 * @param offset     REST offset for {@link WriteMode#RESUME}, else 0
 * @param creates    whether {@code written} is a new file: it then gets {@code fileMode}
 * @param sizeBefore what an existing file held before this upload, kept when the upload is
 *                   cut off by the size limit (APPE, or REST then STOR); 0 for other uploads,
 *                   whose file is removed instead
 * @param mayReplace whether the final rename may replace a file at {@code target}: only when
 *                   one was there, and allowed to be replaced, when the upload was accepted
 * @param fileMode   the mode of a new file ({@code Umask})
 * @param maxSize    {@code MaxStoreFileSize}: the most the file may hold, 0 for no limit
 * @param quotaSize  the most the file may hold within the user's byte quota, 0 for no quota
 */
record UploadPlan(VirtualPath target, VirtualPath written, WriteMode mode, long offset, boolean creates,
                  long sizeBefore, boolean mayReplace, int fileMode, long maxSize, long quotaSize) {

    UploadPlan {
        Objects.requireNonNull(target);
        Objects.requireNonNull(written);
        Objects.requireNonNull(mode);
        if (offset < 0 || sizeBefore < 0 || maxSize < 0 || quotaSize < 0) {
            throw new IllegalArgumentException("offsets and sizes are not negative");
        }
        if (fileMode < 0 || fileMode > 0777) {
            throw new IllegalArgumentException("file mode out of range: " + Integer.toOctalString(fileMode));
        }
        if (!written.equals(target) && (mode != WriteMode.CREATE_NEW || !written.parent().equals(target.parent()))) {
            throw new IllegalArgumentException("a hidden upload is a new file next to its target");
        }
    }

    /** The most the file may hold: the smaller of the two limits that are set, 0 for none. */
    long cap() {
        if (maxSize == 0 || quotaSize == 0) {
            return Math.max(maxSize, quotaSize);
        }
        return Math.min(maxSize, quotaSize);
    }

    /** Whether a cut at {@code cap} was the quota's doing rather than {@code MaxStoreFileSize}'s. */
    boolean quotaCut(long cap) {
        return quotaSize > 0 && cap == quotaSize && (maxSize == 0 || quotaSize <= maxSize);
    }

    /** Whether the upload goes to a hidden name first ({@code HiddenStores}). */
    boolean hidden() {
        return !written.equals(target);
    }

    /**
     * Whether a cut-off upload removes its file: a hidden one, a new one, or one that replaced
     * (truncated) an old file, as ProFTPD removes them; APPE and resumed uploads shrink back to
     * {@link #sizeBefore} instead, so that what was there before is not lost.
     */
    boolean removesWhenCut() {
        return hidden() || creates || mode == WriteMode.REPLACE || mode == WriteMode.CREATE_NEW;
    }
}
