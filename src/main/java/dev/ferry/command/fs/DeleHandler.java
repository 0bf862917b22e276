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

/**
 * DELE (RFC 959 §4.1.3): deletes a file (a symbolic link is removed, not its target). A file
 * under the user's quota no longer counts against it. The transfer logs record the deletion.
 */
public final class DeleHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.DELETE, path);
        Optional<QuotaCharge> charge = session.quotaCharge(path);
        Optional<Runnable> logged = session.deletionLog(path);
        session.fs().deleteFile(path);
        charge.ifPresent(QuotaCharge::settle);
        logged.ifPresent(Runnable::run);
        return Reply.of(ReplyCode.FILE_ACTION_OK, "File deleted");
    }
}
