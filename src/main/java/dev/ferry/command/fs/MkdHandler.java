package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.command.nav.PwdHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** MKD / XMKD (RFC 959 §4.1.3): 257 with the new directory's absolute path, quoted as for PWD. */
public final class MkdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.MKDIR, path);
        session.fs().makeDirectory(path);
        return Reply.of(ReplyCode.PATH_CREATED, PwdHandler.quote(path.toString()) + " directory created");
    }
}
