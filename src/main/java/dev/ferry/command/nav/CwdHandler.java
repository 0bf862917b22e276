package dev.ferry.command.nav;

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
import java.util.ArrayList;
import java.util.List;

/**
 * CWD / XCWD (RFC 959 §4.1.1). The 250 reply starts with the directory's {@code DisplayChdir}
 * file, if there is one ({@link ChdirMessage}).
 */
public final class CwdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        return changeTo(session, session.resolve(argument));
    }

    /** Shared with CDUP: the target must be a directory the user may list. */
    static Outcome changeTo(Session session, VirtualPath target) throws FtpException, FsException {
        session.require(Permission.LIST, target);
        FileEntry entry = session.fs().stat(target);
        if (!entry.isDirectory()) {
            throw new FsException.NotADirectory();
        }
        session.cwd(target);
        String changed = "Directory changed to " + target;
        List<String> message = ChdirMessage.lines(session, target);
        if (message.isEmpty()) {
            return Reply.of(ReplyCode.FILE_ACTION_OK, changed);
        }
        List<String> lines = new ArrayList<>(message);
        lines.add(changed);
        return Reply.multiline(ReplyCode.FILE_ACTION_OK, lines);
    }
}
