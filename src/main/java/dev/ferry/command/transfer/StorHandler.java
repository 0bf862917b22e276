package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;

/** STOR (RFC 959 §4.1.3; with REST, RFC 3659 §5): upload, replacing or resuming the file. */
public final class StorHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        return Uploads.start(session, session.resolve(argument), false, false);
    }
}
