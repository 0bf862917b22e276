package dev.ferry.tls;

import java.net.InetAddress;
import javax.net.ssl.SSLSession;

/**
 * Whether a data connection's TLS session resumed its control connection's (RFC 4217 §10.2:
 * a server may insist on it, so that the data connection is known to come from the party that
 * holds the control session, not from whoever reached the data port first).
 *
 * <p>What JSSE lets a server check: with TLS 1.2 and session IDs the resumed session is the
 * cached session itself, so its ID is the control session's. With session tickets (TLS 1.2
 * RFC 5077 tickets and every TLS 1.3 resumption, which JSSE makes stateless by default) the
 * resumed session is rebuilt from the ticket: it gets a new ID and none of the values stored on
 * the control session, and JSSE exposes no "was resumed" flag. What the ticket does carry, inside
 * its server-key encryption, is the creation time of the session it was issued for, and a
 * resumed session keeps it; a session from a full handshake is created during that handshake.
 * So a data session counts as resumed from the control session when its ID is the control
 * session's, or when it was created at the same millisecond as the control session and long
 * before the data connection. A client cannot forge either; a client with a session of its own
 * created in the same millisecond as another client's control session could pass for it,
 * which the address check on data connections (RFC 2577) further narrows.
 */
public final class SessionLink {

    private SessionLink() {
    }

    /**
     * @param data           the data connection's session, after its handshake
     * @param control        the control connection's session
     * @param handshakeStart when the data connection's handshake began (epoch milliseconds)
     */
    public static boolean resumes(SSLSession data, SSLSession control, long handshakeStart) {
        if (data == null || control == null || !control.isValid()) {
            return false;
        }
        byte[] id = data.getId();
        if (id != null && id.length > 0 && java.util.Arrays.equals(id, control.getId())) {
            return true;
        }
        return data.getCreationTime() == control.getCreationTime() && data.getCreationTime() < handshakeStart;
    }

    /** For the log: what the data session looked like, when it did not resume. */
    public static String describe(SSLSession data, InetAddress peer) {
        return data.getProtocol() + " " + data.getCipherSuite() + " from " + peer.getHostAddress();
    }
}
