package dev.ferry.command.nav;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * SMNT (RFC 959 §4.1.1). Mounting another file structure would break the jail's single root,
 * so it is not implemented: 502, as RFC 959 §5.4 allows.
 */
public final class SmntHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        return Reply.of(ReplyCode.NOT_IMPLEMENTED, "SMNT not implemented: each user has one file structure");
    }
}
