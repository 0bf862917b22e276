package dev.ferry.command.listing;

import dev.ferry.command.CommandHandler;
import dev.ferry.config.ListOptions;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * LIST (RFC 959 §4.1.3) in {@code ls -l} form; acts on {@code -a}/{@code -A} (dot-files) and
 * {@code -R} (subdirectories too, as {@code ls -lR}: each directory under a "path:" heading,
 * sections separated by an empty line), within the directory's {@code ListOptions}. Dates are
 * UTC unless {@code TimesGMT off} holds in the listed directory: then the server's time zone.
 */
public final class ListHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        ListingRequest request = ListingRequest.parse(argument);
        ListingTarget target = ListingTarget.resolve(session, request, ListOptions.Command.LIST);
        if (!session.data().isReady()) {
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Use PORT or PASV first");
        }
        ZoneId zone = session.rules().files(session.hostPath(target.directory())).timesGmt()
                ? ZoneOffset.UTC : ZoneId.systemDefault();
        return session.startTransfer(new ListingJob(lines(target, zone), "directory listing"));
    }

    static List<String> lines(ListingTarget target, ZoneId zone) {
        LsFormat format = new LsFormat(Instant.now(), zone);
        List<String> lines = new ArrayList<>(target.entries().size() + 2);
        if (target.recursive()) {
            lines.add(target.heading() + ":");
        }
        for (FileEntry entry : target.entries()) {
            lines.add(format.line(entry));
        }
        for (ListingTarget.Section section : target.below()) {
            lines.add("");
            lines.add(target.headingOf(section) + ":");
            for (FileEntry entry : section.entries()) {
                lines.add(format.line(entry));
            }
        }
        return lines;
    }
}
