package dev.ferry.data;

import dev.ferry.tls.TlsContext;
import java.util.Objects;
import javax.net.ssl.SSLSession;

/**
 * How a data connection is to be protected under PROT P (RFC 4217 §9).
 *
 * @param context              the server certificate, the control connection's
 * @param controlSession       the control connection's TLS session, which the data connection
 *                             must resume when {@code sessionReuseRequired}
 * @param sessionReuseRequired RFC 4217 §10.2 session reuse is enforced
 */
public record DataProtection(TlsContext context, SSLSession controlSession, boolean sessionReuseRequired) {
    public DataProtection {
        Objects.requireNonNull(context);
        Objects.requireNonNull(controlSession);
    }
}
