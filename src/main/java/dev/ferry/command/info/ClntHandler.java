package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.log.LogText;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CLNT (NcFTP/FileZilla convention): the client names itself; logged and shown by STAT. */
public final class ClntHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClntHandler.class);
    private static final int MAX = 128;

    @Override
    public Outcome handle(Session session, String argument) {
        String name = argument.strip();
        session.clientName(name.length() > MAX ? name.substring(0, MAX) : name);
        LOG.info("client software: {}", LogText.escape(session.clientName()));
        return Reply.of(ReplyCode.OK, "Noted");
    }
}
