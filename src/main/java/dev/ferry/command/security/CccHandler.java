package dev.ferry.command.security;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CCC (RFC 2228 §3, RFC 4217 §6): continue the control connection in the clear, after login,
 * so that a NAT firewall can read PORT and PASV again; data protection stays as PROT set it.
 * Only after login: before it, CCC would let the credentials go in the clear. Refused with 534
 * where the policy requires TLS on the control connection, and with 533 when the control
 * connection is not protected to begin with.
 */
public final class CccHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CccHandler.class);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.tlsContext().isEmpty()) {
            throw new FtpException(ReplyCode.NOT_IMPLEMENTED, "CCC not available: TLS is off on this server");
        }
        if (!session.controlProtected()) {
            throw new FtpException(ReplyCode.PROTECTION_DENIED, "The control connection is not protected");
        }
        if (session.implicitTls() || session.tlsPolicy().requiresControl(session.account().anonymous(),
                session.account().name(), session.account().groups())) {
            throw new FtpException(ReplyCode.DENIED_FOR_POLICY, "CCC refused: this server requires TLS on the "
                    + "control connection");
        }
        try {
            session.clearControl();
        } catch (IOException e) {
            LOG.info("CCC failed: {}", e.toString());
            session.close();
        }
        return Outcome.DEFERRED; // the 200 went out under TLS, before the close
    }
}
