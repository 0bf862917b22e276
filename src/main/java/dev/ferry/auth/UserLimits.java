package dev.ferry.auth;

/**
 * Per-user limits stored with each virtual user. Zero means "no limit of its own" (the server's
 * setting applies). Enforced by the limits and quota features as they land; stored now so that
 * the user database does not need a migration for them.
 *
 * @param maxSessions        concurrent sessions for this user
 * @param uploadBytesPerSec  upload bandwidth cap
 * @param downloadBytesPerSec download bandwidth cap
 * @param quotaBytes         total bytes the user may keep
 * @param quotaFiles         total files the user may keep
 */
public record UserLimits(int maxSessions, long uploadBytesPerSec, long downloadBytesPerSec,
                         long quotaBytes, long quotaFiles) {

    public static final UserLimits NONE = new UserLimits(0, 0, 0, 0, 0);

    public UserLimits {
        if (maxSessions < 0 || uploadBytesPerSec < 0 || downloadBytesPerSec < 0 || quotaBytes < 0 || quotaFiles < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
