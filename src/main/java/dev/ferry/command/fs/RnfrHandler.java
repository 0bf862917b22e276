package dev.ferry.command.fs;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;

/** RNFR (RFC 959 §4.1.3): names the object to rename; RNTO must come next. */
public final class RnfrHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        // A refused RNFR also cancels an earlier accepted one: RNTO must follow a successful
        // RNFR at once (RFC 959 §4.1.3), and the client has moved on from the earlier one.
        session.parameters().renameFrom(null);
        VirtualPath path = session.resolve(argument);
        session.require(Permission.RENAME, path);
        if (path.isRoot()) {
            throw FtpException.denied();
        }
        session.fs().stat(path);
        session.parameters().renameFrom(path);
        return Reply.of(ReplyCode.PENDING_FURTHER_INFO, "Ready for destination name");
    }
}
