package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** RMD / XRMD (RFC 959 §4.1.3): removes an empty directory; never the root. */
public final class RmdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.RMDIR, path);
        session.fs().removeDirectory(path);
        return Reply.of(ReplyCode.FILE_ACTION_OK, "Directory removed");
    }
}
