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

/**
 * MKD / XMKD (RFC 959 §4.1.3): 257 with the new directory's absolute path, quoted as for PWD.
 * The directory gets the mode {@code Umask}'s directory value gives (ProFTPD mod_core), set
 * explicitly so that the server process's own umask does not matter.
 */
public final class MkdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.MKDIR, path);
        session.fs().makeDirectory(path);
        try {
            session.fs().setMode(path, session.rules().files(session.hostPath(path)).directoryMode());
        } catch (FsException e) {
            try {
                session.fs().removeDirectory(path); // not left behind with a mode nobody asked for
            } catch (FsException cleanup) {
                // the first failure is the one to report
            }
            throw e;
        }
        return Reply.of(ReplyCode.PATH_CREATED, PwdHandler.quote(path.toString()) + " directory created");
    }
}
