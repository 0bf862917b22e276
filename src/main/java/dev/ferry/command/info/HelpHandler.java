package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.command.CommandSpec;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HELP (RFC 959 §4.1.3): without an argument, every verb in the command table; with one, that
 * verb's syntax. Unknown verbs get 501.
 */
public final class HelpHandler implements CommandHandler {
    private static final int PER_LINE = 8;

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        var commands = session.services().commands();
        if (!argument.isBlank()) {
            String verb = argument.strip().toUpperCase(Locale.ROOT);
            CommandSpec spec = commands.find(verb)
                    .orElseThrow(() -> FtpException.syntax("Unknown command " + verb.replaceAll("[^A-Z0-9]", "?")));
            return Reply.of(ReplyCode.HELP, "Syntax: " + spec.syntax());
        }
        List<String> lines = new ArrayList<>();
        lines.add("The following commands are recognized:");
        StringBuilder row = new StringBuilder();
        int inRow = 0;
        for (CommandSpec spec : commands.all()) {
            row.append(' ').append(String.format(Locale.ROOT, "%-5s", spec.verb()));
            if (++inRow == PER_LINE) {
                lines.add(row.toString());
                row.setLength(0);
                inRow = 0;
            }
        }
        if (inRow > 0) {
            lines.add(row.toString());
        }
        lines.add("Help OK");
        return Reply.multiline(ReplyCode.HELP, lines);
    }
}
