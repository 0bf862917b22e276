package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.policy.quota.QuotaCharge;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Optional;

/** RNTO (RFC 959 §4.1.3): completes the rename RNFR started (503 without it). */
public final class RntoHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath from = session.parameters().renameFrom()
                .orElseThrow(() -> FtpException.badSequence("RNFR required first"));
        VirtualPath to = session.resolve(argument);
        session.require(Permission.RENAME, to);
        if (!to.equals(from) && session.fs().exists(to)) {
            session.require(Permission.OVERWRITE, to); // rename(2) replaces an existing file
        }
        // A file moved into or out of the home, or one replaced, changes what the quota counts.
        Optional<QuotaCharge> source = session.quotaCharge(from);
        Optional<QuotaCharge> target = session.quotaCharge(to);
        session.fs().rename(from, to);
        source.ifPresent(QuotaCharge::settle);
        target.ifPresent(QuotaCharge::settle);
        return Reply.of(ReplyCode.FILE_ACTION_OK, "Rename successful");
    }
}
