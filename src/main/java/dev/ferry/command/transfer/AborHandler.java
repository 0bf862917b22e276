package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import dev.ferry.session.Transfer;

/**
 * ABOR (RFC 959 §4.1.3). Handled while a transfer runs: the transfer is stopped and sends its
 * 426 first, then ABOR answers 226. Without a transfer, any pending data set-up is dropped and
 * the answer is 226 at once.
 */
public final class AborHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        Transfer running = session.transfer();
        if (running == null) {
            session.data().reset();
            return Reply.of(ReplyCode.CLOSING_DATA, "No transfer to abort");
        }
        running.abort("ABOR received", session.data());
        running.awaitCompletion();
        return Reply.of(ReplyCode.CLOSING_DATA, "ABOR command successful");
    }
}
