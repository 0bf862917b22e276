package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Locale;

/** MODE (RFC 959 §3.4, §4.1.2): Stream only; Block and Compressed get 504. */
public final class ModeHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        String mode = argument.strip().toUpperCase(Locale.ROOT);
        return switch (mode) {
            case "S" -> Reply.of(ReplyCode.OK, "Mode set to S");
            case "B", "C", "Z" -> throw FtpException.notImplementedForParameter("Only MODE S is supported");
            default -> throw FtpException.syntax("Unknown MODE");
        };
    }
}
