package dev.ferry.command.listing;

import dev.ferry.command.CommandHandler;
import dev.ferry.config.ListOptions;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * NLST (RFC 959 §4.1.3): names only. With a directory or wildcard argument the names carry the
 * argument's directory part ("dir/a.txt"), as UNIX {@code ls dir} output does and mget expects;
 * NLST of a file names that file. With {@code -R}, the subdirectories' entries follow, each
 * named by its path from the listed directory ("sub/b.txt"), so that every line is a name the
 * client can RETR.
 */
public final class NlstHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        ListingRequest request = ListingRequest.parse(argument);
        ListingTarget target = ListingTarget.resolve(session, request, ListOptions.Command.NLST);
        if (!session.data().isReady()) {
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
        }
        String prefix = prefix(request.path(), target);
        List<String> names = new ArrayList<>(target.entries().size());
        for (FileEntry entry : target.entries()) {
            names.add(target.single() ? request.path().strip() : prefix + entry.name());
        }
        for (ListingTarget.Section section : target.below()) {
            for (FileEntry entry : section.entries()) {
                names.add(prefix + section.relative() + "/" + entry.name());
            }
        }
        return session.startTransfer(new ListingJob(names, "name list"));
    }

    private static String prefix(String argument, ListingTarget target) {
        String arg = argument.strip();
        if (arg.isEmpty() || target.single()) {
            return "";
        }
        boolean wildcard = Glob.isPattern(arg.substring(arg.lastIndexOf('/') + 1));
        String dir = wildcard ? arg.substring(0, arg.lastIndexOf('/') + 1) : arg;
        return dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
    }
}
