package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.command.TimeVal;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.time.Instant;

/**
 * MDTM (RFC 3659 §3): a file's modification time in UTC. Also accepts the older two-argument
 * set form {@code MDTM YYYYMMDDHHMMSS path} that some clients still send (as vsftpd does),
 * but only when no file is literally named like the whole argument.
 */
public final class MdtmHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        int space = argument.indexOf(' ');
        if (space > 0) {
            Instant time = TimeVal.parse(argument.substring(0, space));
            if (time != null) {
                VirtualPath literal = session.resolve(argument);
                if (!session.fs().exists(literal)) {
                    return MfmtHandler.set(session, time, argument.substring(space + 1));
                }
            }
        }
        VirtualPath path = session.resolve(argument);
        session.require(Permission.LIST, path);
        FileEntry entry = session.fs().stat(path);
        if (!entry.isFile()) {
            throw new FtpException(ReplyCode.FILE_UNAVAILABLE, "Not a regular file");
        }
        return Reply.of(ReplyCode.FILE_STATUS, TimeVal.format(entry.modified()));
    }
}
