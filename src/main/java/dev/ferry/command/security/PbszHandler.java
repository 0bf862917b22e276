package dev.ferry.command.security;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * PBSZ (RFC 2228 §3, RFC 4217 §8): TLS has no protection buffer, so the only size is 0. A
 * client that asks for another is told "PBSZ=0", which RFC 4217 §8 has it accept. Before AUTH
 * there is nothing to size: 503.
 */
public final class PbszHandler implements CommandHandler {
    /** RFC 2228 §3: a decimal integer representing an unsigned 32-bit value. */
    private static final long MAX = 0xFFFF_FFFFL;

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.tlsContext().isEmpty()) {
            throw new FtpException(ReplyCode.NOT_IMPLEMENTED, "PBSZ not available: TLS is off on this server");
        }
        String size = argument.strip();
        if (!size.matches("\\d{1,10}") || Long.parseLong(size) > MAX) {
            throw FtpException.syntax("PBSZ takes a decimal size; with TLS it is 0");
        }
        if (!session.controlProtected()) {
            throw FtpException.badSequence("PBSZ needs a protected control connection: send AUTH TLS first");
        }
        session.bufferSizeSet(true);
        return Reply.of(ReplyCode.OK, Long.parseLong(size) == 0 ? "PBSZ=0" : "PBSZ=0 (TLS has no protection buffer)");
    }
}
