package dev.ferry.command.listing;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * MLSD (RFC 3659 §7): a directory's entries with machine-readable facts over the data
 * connection. Dot-files are included (MLSD has no -a; mirroring clients need them) unless the
 * session may not access them; entries hidden by HideUser, HideGroup or HideNoAccess are left
 * out as from LIST. The argument must be a directory (501 otherwise, §7.2).
 */
public final class MlsdHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        VirtualPath dir = session.resolve(argument);
        session.require(Permission.LIST, dir);
        if (!session.fs().stat(dir).isDirectory()) {
            throw FtpException.syntax("Not a directory");
        }
        List<FileEntry> entries = new ArrayList<>(session.fs().list(dir));
        Predicate<FileEntry> visible = ListingTarget.visibility(session).shownIn(dir);
        entries.removeIf(e -> !ListingTarget.printable(e.name()) || !visible.test(e));
        entries.sort(Comparator.comparing(FileEntry::name));
        if (!session.data().isReady()) {
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
        }
        MlsxFormat format = new MlsxFormat(session.parameters().mlstFacts(), session.account().access());
        List<String> lines = new ArrayList<>(entries.size());
        for (FileEntry e : entries) {
            lines.add(format.line(e, dir.child(e.name()), e.name()));
        }
        return session.startTransfer(new ListingJob(lines, "MLSD listing"));
    }
}
