package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.command.TimeVal;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.time.Instant;

/** MFMT (draft-somers-ftp-mfxx §3): {@code MFMT YYYYMMDDHHMMSS path}, reply 213 Modify=...; path. */
public final class MfmtHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        int space = argument.indexOf(' ');
        Instant time = space > 0 ? TimeVal.parse(argument.substring(0, space)) : null;
        if (time == null || argument.substring(space + 1).isEmpty()) {
            throw FtpException.syntax("Syntax: MFMT YYYYMMDDHHMMSS path");
        }
        return set(session, time, argument.substring(space + 1));
    }

    static Reply set(Session session, Instant time, String clientPath) throws FtpException, FsException {
        VirtualPath path = session.resolve(clientPath);
        session.require(Permission.SET_TIME, path);
        session.fs().setModified(path, time);
        return Reply.of(ReplyCode.FILE_STATUS, "Modify=" + TimeVal.format(time) + "; " + clientPath);
    }
}
