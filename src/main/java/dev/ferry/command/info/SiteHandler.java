package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.fs.FsException;
import dev.ferry.fs.VirtualPath;
import dev.ferry.policy.Permission;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.List;
import java.util.Locale;

/**
 * SITE (RFC 959 §4.1.3): {@code SITE HELP} lists the sub-commands; {@code SITE CHMOD mode path}
 * changes permission bits (the UNIX convention ProFTPD, Pure-FTPd and vsftpd share). Set-id and
 * sticky bits are refused; the owner always keeps 0700 on the top of the jail, and under
 * Pure-FTPd's {@code -Z} 0600 on files and 0700 on directories everywhere. {@code SITE RATIO} tells the login where it stands against its
 * upload/download ratio (ProFTPD mod_ratio).
 */
public final class SiteHandler implements CommandHandler {
    private static final List<String> SUBCOMMANDS = List.of("CHMOD <mode> <path>", "HELP", "RATIO");

    @Override
    public Outcome handle(Session session, String argument) throws FtpException, FsException {
        String arg = argument.strip();
        int space = arg.indexOf(' ');
        String sub = (space < 0 ? arg : arg.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : arg.substring(space + 1).strip();
        return switch (sub) {
            case "HELP" -> help();
            case "CHMOD" -> chmod(session, rest);
            case "RATIO" -> ratio(session);
            default -> throw new FtpException(ReplyCode.NOT_IMPLEMENTED,
                    "Unknown SITE command " + sub.replaceAll("[^A-Z0-9]", "?") + "; try SITE HELP");
        };
    }

    private static Reply help() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("The following SITE commands are recognized:");
        SUBCOMMANDS.forEach(s -> lines.add(" " + s));
        lines.add("Help OK");
        return Reply.multiline(ReplyCode.HELP, lines);
    }

    private static Reply ratio(Session session) {
        return session.ratio().map(standing -> Reply.multiline(ReplyCode.OK, standing.summary()))
                .orElseGet(() -> Reply.of(ReplyCode.OK, "No upload/download ratio applies to this login"));
    }

    private static Reply chmod(Session session, String rest) throws FtpException, FsException {
        int space = rest.indexOf(' ');
        if (space < 0 || !rest.substring(0, space).matches("[0-7]{1,4}")) {
            throw FtpException.syntax("Syntax: SITE CHMOD <octal mode> <path>");
        }
        int mode = Integer.parseInt(rest.substring(0, space), 8);
        if ((mode & ~0777) != 0) {
            throw FtpException.notImplementedForParameter("Set-id and sticky bits cannot be set");
        }
        VirtualPath path = session.resolve(rest.substring(space + 1));
        session.require(Permission.CHMOD, path);
        boolean directory = session.fs().stat(path).isDirectory();
        int applied = session.rules().files(session.hostPath(path)).chmodMode(mode, directory);
        if (path.isRoot()) {
            applied |= 0700; // as Pure-FTPd: the top of the jail never locks its owner (and the server) out
        }
        session.fs().setMode(path, applied);
        return Reply.of(ReplyCode.OK, "SITE CHMOD command successful");
    }
}
