package dev.ferry.config;

import dev.ferry.policy.quota.Quota;
import dev.ferry.policy.ratio.RatioRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Connection and login limits. Zero means unlimited for the counts.
 *
 * @param maxSessions        sessions at once on the whole server (Pure-FTPd -c, MaxClients)
 * @param maxSessionsPerIp   sessions at once from one address (-C, MaxClientsPerHost)
 * @param maxSessionsPerUser sessions at once logged in as one user (MaxClientsPerUser, -y)
 * @param maxLoginAttempts   failed PASS commands before the connection is closed (MaxLoginAttempts)
 * @param loginFailureDelay  how long a failed login waits before its reply
 * @param maxLineLength      longest command line accepted, in bytes
 * @param refusals           the administrator's own texts for the three client limits
 * @param quota              every user's quota where they have none of their own (Pure-FTPd -n);
 *                           anonymous logins have none
 * @param rates              every login's bandwidth where it has none of its own (Pure-FTPd -T,
 *                           ProFTPD TransferRate)
 * @param anonymousRates     anonymous logins' bandwidth, before {@code rates} (Pure-FTPd -t,
 *                           TransferRate in {@code <Anonymous>})
 * @param ratios             who must upload to download, and how much (Pure-FTPd -q/-Q, ProFTPD
 *                           mod_ratio)
 * @param anonymousMaxLoad   Pure-FTPd's {@code -m}: anonymous downloads are refused while the
 *                           system's one-minute load average is above this; 0 = never
 */
public record SessionLimits(int maxSessions, int maxSessionsPerIp, int maxSessionsPerUser, int maxLoginAttempts,
                            Duration loginFailureDelay, int maxLineLength, Refusals refusals, Quota quota,
                            TransferRates rates, TransferRates anonymousRates, RatioRules ratios,
                            double anonymousMaxLoad) {
    public static final SessionLimits DEFAULT = new SessionLimits(200, 10, 0, 3, Duration.ofSeconds(1), 4096);

    public SessionLimits {
        if (maxSessions < 0 || maxSessionsPerIp < 0 || maxSessionsPerUser < 0 || maxLoginAttempts < 1 || loginFailureDelay.isNegative()
                || maxLineLength < 512) {
            throw new IllegalArgumentException("invalid session limits");
        }
        Objects.requireNonNull(refusals);
        Objects.requireNonNull(quota);
        Objects.requireNonNull(rates);
        Objects.requireNonNull(anonymousRates);
        Objects.requireNonNull(ratios);
        if (!(anonymousMaxLoad >= 0) || Double.isInfinite(anonymousMaxLoad)) {
            throw new IllegalArgumentException("the load limit must be a number of at least 0");
        }
    }

    /** Limits without server-wide bandwidth caps or ratios. */
    public SessionLimits(int maxSessions, int maxSessionsPerIp, int maxSessionsPerUser, int maxLoginAttempts,
                         Duration loginFailureDelay, int maxLineLength, Refusals refusals, Quota quota) {
        this(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts, loginFailureDelay, maxLineLength,
                refusals, quota, TransferRates.NONE, TransferRates.NONE, RatioRules.NONE, 0);
    }

    /**
     * The caps for a login whose own are {@code own}: its own where set, else for anonymous
     * logins {@code anonymousRates}, else {@code rates}; field by field.
     */
    public TransferRates ratesFor(TransferRates own, boolean anonymous) {
        TransferRates server = anonymous ? anonymousRates.orElse(rates) : rates;
        return own.orElse(server);
    }

    /** Limits without a server-wide quota. */
    public SessionLimits(int maxSessions, int maxSessionsPerIp, int maxSessionsPerUser, int maxLoginAttempts,
                         Duration loginFailureDelay, int maxLineLength, Refusals refusals) {
        this(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts, loginFailureDelay, maxLineLength,
                refusals, Quota.NONE);
    }

    public SessionLimits withQuota(Quota every) {
        return new SessionLimits(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts,
                loginFailureDelay, maxLineLength, refusals, every, rates, anonymousRates, ratios, anonymousMaxLoad);
    }

    public SessionLimits withRates(TransferRates everyone, TransferRates anonymous) {
        return new SessionLimits(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts,
                loginFailureDelay, maxLineLength, refusals, quota, everyone, anonymous, ratios, anonymousMaxLoad);
    }

    public SessionLimits withRatios(RatioRules rules) {
        return new SessionLimits(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts,
                loginFailureDelay, maxLineLength, refusals, quota, rates, anonymousRates, rules, anonymousMaxLoad);
    }

    public SessionLimits withAnonymousMaxLoad(double load) {
        return new SessionLimits(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts,
                loginFailureDelay, maxLineLength, refusals, quota, rates, anonymousRates, ratios, load);
    }

    /** Limits with the standard refusal texts. */
    public SessionLimits(int maxSessions, int maxSessionsPerIp, int maxSessionsPerUser, int maxLoginAttempts,
                         Duration loginFailureDelay, int maxLineLength) {
        this(maxSessions, maxSessionsPerIp, maxSessionsPerUser, maxLoginAttempts, loginFailureDelay, maxLineLength,
                Refusals.STANDARD);
    }

    /** Limits without a per-user cap. */
    public SessionLimits(int maxSessions, int maxSessionsPerIp, int maxLoginAttempts, Duration loginFailureDelay,
                         int maxLineLength) {
        this(maxSessions, maxSessionsPerIp, 0, maxLoginAttempts, loginFailureDelay, maxLineLength);
    }

    /**
     * The texts ProFTPD lets an administrator give as the second argument of {@code MaxClients},
     * {@code MaxClientsPerHost} and {@code MaxClientsPerUser}; {@code %m} stands for the limit.
     * Empty: Ferry's standard text.
     */
    public record Refusals(Optional<String> maxClients, Optional<String> maxClientsPerHost,
                           Optional<String> maxClientsPerUser) {
        public static final Refusals STANDARD = new Refusals(Optional.empty(), Optional.empty(), Optional.empty());

        public Refusals {
            Objects.requireNonNull(maxClients);
            Objects.requireNonNull(maxClientsPerHost);
            Objects.requireNonNull(maxClientsPerUser);
        }

        /** {@code custom} with {@code %m} replaced by {@code max}, or {@code standard}. */
        public static String text(Optional<String> custom, int max, String standard) {
            return custom.map(t -> t.replace("%m", Integer.toString(max))).orElse(standard);
        }
    }
}
