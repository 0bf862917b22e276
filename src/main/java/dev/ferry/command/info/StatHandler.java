package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.command.listing.ListingRequest;
import dev.ferry.command.listing.ListingTarget;
import dev.ferry.command.listing.LsFormat;
import dev.ferry.config.ListOptions;
import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FsException;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import dev.ferry.session.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * STAT (RFC 959 §4.1.3). Without an argument, or while a transfer runs: 211 with the session's
 * state and the transfer's progress. With a path: 213 and an {@code ls -l} listing sent over the
 * control connection (no data connection needed).
 */
public final class StatHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        Transfer running = session.transfer();
        if (argument.isBlank() || running != null) {
            return status(session, running);
        }
        ListingRequest request = ListingRequest.parse(argument);
        ListingTarget target = ListingTarget.resolve(session, request, ListOptions.Command.LIST);
        LsFormat format = new LsFormat(Instant.now());
        List<String> lines = new ArrayList<>();
        lines.add("Status of " + session.resolve(request.path()) + ":");
        for (FileEntry entry : target.entries()) {
            lines.add(format.line(entry));
        }
        for (ListingTarget.Section section : target.below()) {
            lines.add(target.headingOf(section) + ":");
            for (FileEntry entry : section.entries()) {
                lines.add(format.line(entry));
            }
        }
        lines.add("End of status");
        return Reply.multiline(ReplyCode.FILE_STATUS, lines);
    }

    private static Reply status(Session session, Transfer running) {
        List<String> lines = new ArrayList<>();
        lines.add(session.config().serverName() + " status:");
        lines.add(" Connected from " + session.remote().getAddress().getHostAddress());
        lines.add(session.isLoggedIn() ? " Logged in as " + session.account().name() : " Not logged in");
        lines.add(" TYPE: " + session.parameters().type().label() + ", STRUcture: File, MODE: Stream");
        if (!session.clientName().isEmpty()) {
            lines.add(" Client: " + session.clientName());
        }
        if (running != null) {
            lines.add(" Transfer in progress: " + running.progress().bytes() + " bytes so far");
        } else {
            lines.add(" Data connection: " + session.data().describe());
        }
        lines.add("End of status");
        return Reply.multiline(ReplyCode.SYSTEM_STATUS, lines);
    }
}
