package dev.ferry.command.transfer;

import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.fs.WriteMode;
import dev.ferry.config.FileRules;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/**
 * The checks STOR, APPE and STOU share, done on the control thread so that refusals come before
 * any 150: permission (store, overwrite or append), restart offset, data connection, target.
 */
final class Uploads {
    private Uploads() {
    }

    static Outcome start(Session session, VirtualPath path, boolean append, boolean unique) throws FtpException, FsException {
        FileEntry existing = statOrNull(session, path);
        long offset = session.parameters().takeRestOffset();
        WriteMode mode;
        if (unique) {
            mode = WriteMode.CREATE_NEW;
        } else if (offset > 0) {
            mode = WriteMode.RESUME;
        } else {
            mode = append ? WriteMode.APPEND : WriteMode.REPLACE;
        }
        Permission needed = existing == null ? Permission.STORE
                : append ? Permission.APPEND : Permission.OVERWRITE;
        session.require(needed, path);
        FileRules files = session.rules().files(session.hostPath(path));
        if (needed == Permission.OVERWRITE && !files.allowOverwrite()) { // ProFTPD AllowOverwrite
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Overwriting files is not allowed here");
        }
        if (offset > 0 && !(files.allowStoreRestart() && files.allowOverwrite())) { // FAQ ch. 5 §21
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Resuming uploads is not allowed here");
        }
        if (offset > 0 && (existing == null || offset > existing.size())) {
            throw new FtpException(ReplyCode.INVALID_REST, "Restart offset " + offset + " is beyond the end of the file");
        }
        session.fs().checkWritable(path, mode);
        if (!session.data().isReady()) {
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
        }
        String type = session.parameters().type().label();
        String opening = unique ? "FILE: " + path.name()
                : "Opening " + type + " mode data connection for " + path.name();
        String done = unique ? "Transfer complete (unique file name: " + path.name() + ")" : "Transfer complete";
        return session.startTransfer(new UploadJob(session.fs(), path, mode, offset, session.parameters().type(),
                opening, done));
    }

    private static FileEntry statOrNull(Session session, VirtualPath path) throws FsException {
        try {
            return session.fs().stat(path);
        } catch (FsException.NotFound e) {
            return null;
        }
    }
}
