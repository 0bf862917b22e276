package dev.ferry.command.auth;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * ACCT (RFC 959 §4.1.1). Ferry never asks for an account (no 332), so ACCT is superfluous: 202,
 * which RFC 959 §5.4 lists as ACCT's reply for exactly this case.
 */
public final class AcctHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        return Reply.of(ReplyCode.SUPERFLUOUS, "ACCT not needed on this server");
    }
}
