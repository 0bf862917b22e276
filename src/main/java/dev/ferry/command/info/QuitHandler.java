package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * QUIT (RFC 959 §4.1.1). A running transfer is allowed to finish and send its reply first: the
 * session waits for it before dispatching QUIT, as §4.1.1 asks.
 */
public final class QuitHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        session.close();
        return Reply.of(ReplyCode.CLOSING_CONTROL, "Goodbye");
    }
}
