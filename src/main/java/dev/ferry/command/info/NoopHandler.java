package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** NOOP (RFC 959 §4.1.3). */
public final class NoopHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        return Reply.of(ReplyCode.OK, "NOOP ok");
    }
}
