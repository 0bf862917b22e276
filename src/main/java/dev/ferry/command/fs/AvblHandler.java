package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.policy.quota.QuotaUsage;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.Optional;

/**
 * AVBL (draft-peterson-streamlined-ftp-command-extensions §4): bytes available for uploads in a
 * directory (the working directory by default), or what the user's byte quota still allows when
 * that is less; 550 for what the user may not list or is not a directory.
 */
public final class AvblHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.LIST, path);
        if (!session.fs().stat(path).isDirectory()) {
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Not a directory");
        }
        long available = session.fs().availableSpace(path);
        if (available < 0) {
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Available space unknown");
        }
        Optional<QuotaUsage> quota = session.quota(path);
        if (quota.isPresent()) {
            available = Math.min(available, quota.get().bytesLeft());
        }
        return Reply.of(ReplyCode.FILE_STATUS, Long.toString(available));
    }
}
