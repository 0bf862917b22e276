package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Locale;

/** STRU (RFC 959 §3.1.2, §4.1.2): File structure only; Record and Page get 504. */
public final class StruHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        String structure = argument.strip().toUpperCase(Locale.ROOT);
        return switch (structure) {
            case "F" -> Reply.of(ReplyCode.OK, "Structure set to F");
            case "R", "P" -> throw FtpException.notImplementedForParameter("Only STRU F is supported");
            default -> throw FtpException.syntax("Unknown STRU");
        };
    }
}
