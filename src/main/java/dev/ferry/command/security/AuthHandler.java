package dev.ferry.command.security;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import dev.ferry.tls.TlsContext;
import java.util.Locale;

/**
 * AUTH (RFC 2228 §3, RFC 4217 §4): starts TLS on the control connection. The mechanisms are
 * those clients send: TLS and TLS-C (control protected, data as PROT says), SSL and TLS-P
 * (the same, and data protected at once, as clients of those expect: pyftpdlib#151). The 234
 * goes out in the clear, then the handshake; anything the client sent after AUTH in the clear
 * is dropped, never executed.
 *
 * <p>Refused: with TLS off (502); a second AUTH (503); after login (534: the credentials
 * already went in the clear, and a login must not change its protection half-way, as ProFTPD
 * refuses it); an unknown mechanism (504).
 */
public final class AuthHandler implements CommandHandler {

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        TlsContext context = session.tlsContext().orElseThrow(() ->
                new FtpException(ReplyCode.NOT_IMPLEMENTED, "AUTH not available: TLS is off on this server"));
        if (session.controlProtected()) {
            throw FtpException.badSequence("TLS is already on for this connection");
        }
        if (session.tlsNegotiated()) {
            throw new FtpException(ReplyCode.DENIED_FOR_POLICY, "TLS was cleared with CCC; it cannot start again");
        }
        if (session.isLoggedIn()) {
            throw new FtpException(ReplyCode.DENIED_FOR_POLICY, "AUTH must come before login");
        }
        String mechanism = argument.strip().toUpperCase(Locale.ROOT);
        boolean protectData = switch (mechanism) {
            case "TLS", "TLS-C" -> false;
            case "SSL", "TLS-P" -> true;
            default -> throw FtpException.notImplementedForParameter(
                    "AUTH mechanism not supported; use AUTH TLS");
        };
        session.startTls(context, mechanism, protectData);
        return Outcome.DEFERRED; // the 234 went out before the handshake
    }
}
