package dev.ferry.config;

import java.time.Duration;

/**
 * Connection and login limits. Zero means unlimited for the counts.
 *
 * @param maxSessions        sessions at once on the whole server (Pure-FTPd -c, MaxClients)
 * @param maxSessionsPerIp   sessions at once from one address (-C, MaxClientsPerHost)
 * @param maxSessionsPerUser sessions at once logged in as one user (MaxClientsPerUser)
 * @param maxLoginAttempts   failed PASS commands before the connection is closed (MaxLoginAttempts)
 * @param loginFailureDelay  how long a failed login waits before its reply
 * @param maxLineLength      longest command line accepted, in bytes
 */
public record SessionLimits(int maxSessions, int maxSessionsPerIp, int maxSessionsPerUser, int maxLoginAttempts,
                            Duration loginFailureDelay, int maxLineLength) {
    public static final SessionLimits DEFAULT = new SessionLimits(200, 10, 0, 3, Duration.ofSeconds(1), 4096);

    public SessionLimits {
        if (maxSessions < 0 || maxSessionsPerIp < 0 || maxSessionsPerUser < 0 || maxLoginAttempts < 1 || loginFailureDelay.isNegative()
                || maxLineLength < 512) {
            throw new IllegalArgumentException("invalid session limits");
        }
    }

    /** Limits without a per-user cap. */
    public SessionLimits(int maxSessions, int maxSessionsPerIp, int maxLoginAttempts, Duration loginFailureDelay,
                         int maxLineLength) {
        this(maxSessions, maxSessionsPerIp, 0, maxLoginAttempts, loginFailureDelay, maxLineLength);
    }
}
