package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;

/**
 * APPE (RFC 959 §4.1.3): upload appended to the file, creating it if missing. After REST the
 * data is written from the restart offset, as for STOR.
 */
public final class AppeHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        return Uploads.start(session, session.resolve(argument), true, false);
    }
}
