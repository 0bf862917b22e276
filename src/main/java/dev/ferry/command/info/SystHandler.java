package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * SYST (RFC 959 §4.1.3). "UNIX Type: L8" whatever the host, because listings are in UNIX
 * {@code ls -l} form and clients pick their listing parser from this answer.
 */
public final class SystHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        return Reply.of(ReplyCode.SYSTEM_TYPE, "UNIX Type: L8");
    }
}
