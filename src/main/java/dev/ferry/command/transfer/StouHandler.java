package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;
import java.util.concurrent.ThreadLocalRandom;

/**
 * STOU (RFC 959 §4.1.3, RFC 1123 §4.1.2.9): upload under a name the server makes unique in the
 * working directory; the 150 reply says {@code FILE: name}. An argument, if given, is used as
 * the name's prefix.
 */
public final class StouHandler implements CommandHandler {
    private static final int ATTEMPTS = 100;

    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        String base = argument.isBlank() ? "ftp" : argument.strip();
        VirtualPath wanted = session.resolve(base);
        VirtualPath directory = wanted.parent();
        String prefix = wanted.isRoot() ? "ftp" : wanted.name();
        for (int i = 0; i < ATTEMPTS; i++) {
            String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
            VirtualPath candidate = directory.child(prefix + "." + suffix);
            try {
                session.fs().stat(candidate);
            } catch (FsException.NotFound free) {
                return Uploads.start(session, candidate, false, true);
            }
        }
        throw new FsException.AlreadyExists();
    }
}
