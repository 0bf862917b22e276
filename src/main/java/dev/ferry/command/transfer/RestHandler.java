package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * REST (RFC 3659 §5, STREAM mode): the byte offset where the next RETR, STOR or APPE starts.
 * Offsets are 64-bit; checked against the file when the transfer command comes.
 */
public final class RestHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        long offset;
        try {
            offset = Long.parseLong(argument.strip());
        } catch (NumberFormatException e) {
            throw FtpException.syntax("REST needs a non-negative byte offset");
        }
        if (offset < 0) {
            throw FtpException.syntax("REST needs a non-negative byte offset");
        }
        session.parameters().restOffset(offset);
        return Reply.of(ReplyCode.PENDING_FURTHER_INFO, "Restarting at " + offset + ". Send STOR or RETR");
    }
}
