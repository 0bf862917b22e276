package dev.ferry.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a server demands of TLS (RFC 4217 §11 leaves this to "server policy").
 *
 * @param level                what must be protected (Pure-FTPd {@code -Y})
 * @param anonymousExempt      anonymous users may log in, and transfer, without TLS even where
 *                             {@code level} requires it (vsftpd's {@code force_anon_*_ssl=NO})
 * @param sessionReuseRequired a protected data connection must resume the TLS session of its
 *                             control connection (RFC 4217 §10.2; ProFTPD's default, turned off
 *                             by {@code TLSOptions NoSessionReuseRequired}; vsftpd's
 *                             {@code require_ssl_reuse})
 * @param accounts             levels for some accounts in place of {@code level}, the first that
 *                             applies wins ({@code <IfUser>}/{@code <IfGroup>} with TLSRequired)
 */
public record TlsPolicy(TlsLevel level, boolean anonymousExempt, boolean sessionReuseRequired,
                        List<TlsRequirement> accounts) {

    /** No TLS at all. */
    public static final TlsPolicy OFF = new TlsPolicy(TlsLevel.OFF, false, true);

    /** TLS offered, nothing required, data sessions must be resumed: {@code ferry serve}'s default. */
    public static final TlsPolicy OPTIONAL = new TlsPolicy(TlsLevel.OPTIONAL, false, true);

    public TlsPolicy {
        Objects.requireNonNull(level);
        accounts = List.copyOf(accounts);
        if (level == TlsLevel.OFF && !accounts.isEmpty()) {
            throw new IllegalArgumentException("TLS levels for some accounts need TLS on");
        }
        if (accounts.stream().anyMatch(a -> a.level() == TlsLevel.OFF)) {
            throw new IllegalArgumentException("an account's TLS level cannot turn TLS off");
        }
    }

    /** The same level for every account. */
    public TlsPolicy(TlsLevel level, boolean anonymousExempt, boolean sessionReuseRequired) {
        this(level, anonymousExempt, sessionReuseRequired, List.of());
    }

    public boolean enabled() {
        return level != TlsLevel.OFF;
    }

    /** Whether some account's level depends on its groups, which a login must then look up. */
    public boolean looksAtGroups() {
        return accounts.stream().anyMatch(a -> a.groups().isPresent());
    }

    /** The level for {@code user}, a member of {@code groups}. */
    public TlsLevel levelFor(String user, Set<String> groups) {
        return accounts.stream().filter(a -> a.appliesTo(user, groups)).map(TlsRequirement::level).findFirst()
                .orElse(level);
    }

    /** Whether a login needs a protected control connection (for an anonymous login: {@code anonymous}). */
    public boolean requiresControl(boolean anonymous, String user, Set<String> groups) {
        return levelFor(user, groups).compareTo(TlsLevel.CONTROL) >= 0 && !(anonymous && anonymousExempt);
    }

    /** Whether data connections must be protected (PROT P) for this login. */
    public boolean requiresData(boolean anonymous, String user, Set<String> groups) {
        return levelFor(user, groups) == TlsLevel.CONTROL_AND_DATA && !(anonymous && anonymousExempt);
    }
}
