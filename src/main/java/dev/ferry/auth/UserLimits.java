package dev.ferry.auth;

/**
 * Per-user limits stored with each virtual user. Zero means "no limit of its own" (the server's
 * setting applies, or none). All of them are enforced: the session count at login, the rates
 * per transfer, the quotas on uploads ({@code dev.ferry.policy.quota}).
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
