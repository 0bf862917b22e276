package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.policy.quota.QuotaUsage;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ALLO (RFC 959 §4.1.3): nothing needs reserving on this storage, so 202; but a request for more
 * than the free space, or than the user's byte quota leaves, gets 552 up front instead of a
 * failed upload later.
 */
public final class AlloHandler implements CommandHandler {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,18})(\\s+R\\s+\\d{1,18})?\\s*", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        Matcher m = SYNTAX.matcher(argument);
        if (!m.matches()) {
            throw FtpException.syntax("Syntax: ALLO bytes [R record-size]");
        }
        long wanted = Long.parseLong(m.group(1));
        long available = session.fs().availableSpace(session.cwd());
        if (available >= 0 && wanted > available) {
            return Reply.of(ReplyCode.EXCEEDED_STORAGE, "Not enough free space for " + wanted + " bytes");
        }
        Optional<QuotaUsage> quota = session.quota(session.cwd());
        if (quota.isPresent() && wanted > quota.get().bytesLeft()) {
            return Reply.of(ReplyCode.EXCEEDED_STORAGE, "Quota exceeded: " + quota.get().bytesLeft() + " bytes left");
        }
        return Reply.of(ReplyCode.SUPERFLUOUS, "No storage allocation necessary");
    }
}
