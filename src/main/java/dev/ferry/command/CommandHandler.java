package dev.ferry.command;

import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;

/**
 * Carries out one verb. Handlers are stateless singletons: everything per-connection lives in
 * the {@link Session}. Refusals are thrown ({@link FtpException}, {@link FsException}) and become
 * replies in the {@link Dispatcher}.
 */
@FunctionalInterface
public interface CommandHandler {

    Outcome handle(Session session, String argument) throws FtpException, FsException;
}
