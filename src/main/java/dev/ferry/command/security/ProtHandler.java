package dev.ferry.command.security;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Locale;

/**
 * PROT (RFC 2228 §3, RFC 4217 §9): C sends data connections in the clear, P through TLS. S
 * (integrity only) and E (confidential without integrity) have no TLS counterpart: 536. PROT
 * comes after PBSZ, on a protected control connection (503 otherwise: after CCC a clear PROT
 * could come from anyone on the path). Where the policy requires protected data, PROT C is
 * accepted here and the transfer that follows is refused with 521 (RFC 4217 §9).
 */
public final class ProtHandler implements CommandHandler {

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.tlsContext().isEmpty()) {
            throw new FtpException(ReplyCode.NOT_IMPLEMENTED, "PROT not available: TLS is off on this server");
        }
        String level = argument.strip().toUpperCase(Locale.ROOT);
        if (!level.matches("[CSEP]")) {
            throw FtpException.notImplementedForParameter("PROT takes C or P");
        }
        if (!session.controlProtected() || !session.bufferSizeSet()) {
            throw FtpException.badSequence("PROT needs a protected control connection and PBSZ 0 first");
        }
        return switch (level) {
            case "C" -> {
                session.dataProtected(false);
                yield Reply.of(ReplyCode.OK, "Protection set to Clear");
            }
            case "P" -> {
                session.dataProtected(true);
                yield Reply.of(ReplyCode.OK, "Protection set to Private");
            }
            default -> throw new FtpException(ReplyCode.PROT_LEVEL_NOT_SUPPORTED,
                    "PROT " + level + " is not supported with TLS; use C or P");
        };
    }
}
