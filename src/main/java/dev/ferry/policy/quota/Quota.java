package dev.ferry.policy.quota;

/**
 * A number of files and of bytes: the most a user may keep, each 0 for no limit (Pure-FTPd's per-user quota,
 * {@code pure-pw -n FILES -N MB}; ProFTPD mod_quotatab's hard "files" and "bytes" limits).
 * Directories and symbolic links count as nothing, as in Pure-FTPd. Also what a user keeps.
 */
public record Quota(long files, long bytes) {

    public static final Quota NONE = new Quota(0, 0);

    public Quota {
        if (files < 0 || bytes < 0) {
            throw new IllegalArgumentException("a quota is not negative");
        }
    }

    public boolean isLimited() {
        return files > 0 || bytes > 0;
    }

    /** This quota, with {@code fallback}'s limit wherever this one sets none. */
    public Quota orElse(Quota fallback) {
        return new Quota(files > 0 ? files : fallback.files, bytes > 0 ? bytes : fallback.bytes);
    }
}
