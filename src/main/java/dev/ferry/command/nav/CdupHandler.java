package dev.ferry.command.nav;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;

/** CDUP / XCUP (RFC 959 §4.1.1); at the root it stays at the root. */
public final class CdupHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        return CwdHandler.changeTo(session, session.cwd().parent());
    }
}
