package dev.ferry.command.auth;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REIN (RFC 959 §4.1.1): log out and reset the session, keeping the control connection. A
 * running transfer finishes first (the session waits before dispatching REIN).
 */
public final class ReinHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReinHandler.class);

    @Override
    public Outcome handle(Session session, String argument) {
        if (session.isLoggedIn()) {
            LOG.info("user {} logged out (REIN)", session.account().name());
        }
        session.reinitialize();
        return Reply.of(ReplyCode.SERVICE_READY, "Service ready for new user");
    }
}
