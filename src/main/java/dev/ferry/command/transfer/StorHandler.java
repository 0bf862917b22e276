package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;

/**
 * STOR (RFC 959 §4.1.3; with REST, RFC 3659 §5): upload, replacing or resuming the file. Under
 * Pure-FTPd's {@code -r} ({@code --autorename}) a STOR without REST onto an existing file is
 * saved as the first free {@code name.1}, {@code name.2}, ... (as STOU, the 150 and 226 name it),
 * so nothing is ever overwritten.
 */
public final class StorHandler implements CommandHandler {
    /** How far the numbering goes before the upload is refused. */
    private static final int MAX_SUFFIX = 9999;

    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        if (session.parameters().restOffset() == 0 && !path.isRoot()
                && session.rules().files(session.hostPath(path)).autoRename() && exists(session, path)) {
            return Uploads.start(session, freeName(session, path), false, true);
        }
        return Uploads.start(session, path, false, false);
    }

    private static VirtualPath freeName(Session session, VirtualPath path) throws FsException {
        VirtualPath directory = path.parent();
        for (int n = 1; n <= MAX_SUFFIX; n++) {
            VirtualPath candidate = directory.child(path.name() + "." + n);
            if (!exists(session, candidate)) {
                return candidate;
            }
        }
        throw new FsException.AlreadyExists();
    }

    private static boolean exists(Session session, VirtualPath path) throws FsException {
        try {
            session.fs().stat(path);
            return true;
        } catch (FsException.NotFound free) {
            return false;
        }
    }
}
