package dev.ferry.command.nav;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** CWD / XCWD (RFC 959 §4.1.1). */
public final class CwdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        return changeTo(session, session.resolve(argument));
    }

    /** Shared with CDUP: the target must be a directory the user may list. */
    static Outcome changeTo(Session session, VirtualPath target) throws FtpException, FsException {
        session.require(Permission.LIST, target);
        FileEntry entry = session.fs().stat(target);
        if (!entry.isDirectory()) {
            throw new FsException.NotADirectory();
        }
        session.cwd(target);
        return Reply.of(ReplyCode.FILE_ACTION_OK, "Directory changed to " + target);
    }
}
