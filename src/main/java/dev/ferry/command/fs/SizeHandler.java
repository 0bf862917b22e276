package dev.ferry.command.fs;

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

/**
 * SIZE (RFC 3659 §4). Reports the stored size for regular files only (550 for directories).
 * In TYPE A the size on the wire may differ; like most servers Ferry reports the stored size
 * rather than reading the whole file to count line ends.
 */
public final class SizeHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.LIST, path);
        FileEntry entry = session.fs().stat(path);
        if (!entry.isFile()) {
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Not a regular file");
        }
        return Reply.of(ReplyCode.FILE_STATUS, Long.toString(entry.size()));
    }
}
