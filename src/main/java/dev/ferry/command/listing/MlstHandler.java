package dev.ferry.command.listing;

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
import dev.ferry.session.TransferParameters;
import java.util.List;

/**
 * MLST (RFC 3659 §7): one object's facts on the control connection, as
 * {@code 250-...}, one line starting with a space, {@code 250 End}.
 */
public final class MlstHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath path = session.resolve(argument);
        session.require(Permission.LIST, path);
        FileEntry entry = session.fs().stat(path);
        MlsxFormat format = new MlsxFormat(session.parameters().mlstFacts(), session.account().access());
        return Reply.multiline(ReplyCode.FILE_ACTION_OK,
                List.of("Listing " + path, " " + format.line(entry, path, path.toString()), "End"));
    }

    /** The FEAT line: every supported fact, with a star on those currently selected (RFC 3659 §7.8). */
    public static String featureLine(Session session) {
        StringBuilder line = new StringBuilder("MLST ");
        List<String> selected = session.parameters().mlstFacts();
        for (String fact : TransferParameters.MLST_FACTS) {
            line.append(fact);
            if (selected.contains(fact)) {
                line.append('*');
            }
            line.append(';');
        }
        return line.toString();
    }
}
