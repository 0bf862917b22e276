package dev.ferry.command.nav;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** PWD / XPWD (RFC 959 §4.1.3, Appendix II: quotes inside the name are doubled). */
public final class PwdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        return Reply.of(ReplyCode.PATH_CREATED, quote(session.cwd().toString()) + " is the current directory");
    }

    /** RFC 959 Appendix II quoting, shared with MKD. */
    public static String quote(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }
}
