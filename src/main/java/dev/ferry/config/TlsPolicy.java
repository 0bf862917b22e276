package dev.ferry.config;

import java.util.Objects;

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
 */
public record TlsPolicy(TlsLevel level, boolean anonymousExempt, boolean sessionReuseRequired) {

    /** No TLS at all. */
    public static final TlsPolicy OFF = new TlsPolicy(TlsLevel.OFF, false, true);

    /** TLS offered, nothing required, data sessions must be resumed: {@code ferry serve}'s default. */
    public static final TlsPolicy OPTIONAL = new TlsPolicy(TlsLevel.OPTIONAL, false, true);

    public TlsPolicy {
        Objects.requireNonNull(level);
    }

    public boolean enabled() {
        return level != TlsLevel.OFF;
    }

    /** Whether a login needs a protected control connection (for an anonymous login: {@code anonymous}). */
    public boolean requiresControl(boolean anonymous) {
        return level.compareTo(TlsLevel.CONTROL) >= 0 && !(anonymous && anonymousExempt);
    }

    /** Whether data connections must be protected (PROT P) for this login. */
    public boolean requiresData(boolean anonymous) {
        return level == TlsLevel.CONTROL_AND_DATA && !(anonymous && anonymousExempt);
    }
}
