package dev.ferry.auth;

import dev.ferry.policy.ratio.Ratio;

/**
 * Per-user limits stored with each virtual user. Zero means "no limit of its own" (the server's
 * setting applies, or none). All of them are enforced: the session count at login, the rates
 * per transfer, the quotas on uploads ({@code dev.ferry.policy.quota}), the ratio on downloads
 * ({@code dev.ferry.policy.ratio}).
 *
 * @param maxSessions         concurrent sessions for this user
 * @param uploadBytesPerSec   upload bandwidth cap
 * @param downloadBytesPerSec download bandwidth cap
 * @param quotaBytes          total bytes the user may keep
 * @param quotaFiles          total files the user may keep
 * @param ratioUpload         with {@code ratioDownload}: every {@code ratioUpload} bytes uploaded
 *                            allow {@code ratioDownload} downloaded (Pure-FTPd's pure-pw -q/-Q);
 *                            both 0 for no ratio of its own
 * @param ratioDownload       see {@code ratioUpload}
 */
public record UserLimits(int maxSessions, long uploadBytesPerSec, long downloadBytesPerSec,
                         long quotaBytes, long quotaFiles, long ratioUpload, long ratioDownload) {

    public static final UserLimits NONE = new UserLimits(0, 0, 0, 0, 0);

    public UserLimits {
        if (maxSessions < 0 || uploadBytesPerSec < 0 || downloadBytesPerSec < 0 || quotaBytes < 0 || quotaFiles < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        new Ratio.Share(ratioUpload, ratioDownload); // validates: two positive numbers or two zeros
    }

    /** Limits without a ratio of their own. */
    public UserLimits(int maxSessions, long uploadBytesPerSec, long downloadBytesPerSec, long quotaBytes,
                      long quotaFiles) {
        this(maxSessions, uploadBytesPerSec, downloadBytesPerSec, quotaBytes, quotaFiles, 0, 0);
    }

    /** The user's own ratio, in bytes; {@link Ratio#NONE} when they have none. */
    public Ratio ratio() {
        return ratioUpload == 0 ? Ratio.NONE
                : new Ratio(Ratio.Share.NONE, 0, new Ratio.Share(ratioUpload, ratioDownload), 0);
    }
}
