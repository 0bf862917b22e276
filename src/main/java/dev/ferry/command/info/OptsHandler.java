package dev.ferry.command.info;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import dev.ferry.session.TransferParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OPTS (RFC 2389 §4). Supports {@code OPTS UTF8 ON|OFF} (RFC 2640 §3.1 practice: paths are always
 * UTF-8 here, so both succeed; FEAT advertises UTF8 and this must not fail) and
 * {@code OPTS MLST facts} (RFC 3659 §7.9).
 */
public final class OptsHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        String trimmed = argument.strip();
        int space = trimmed.indexOf(' ');
        String option = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
        String value = space < 0 ? "" : trimmed.substring(space + 1).strip();
        return switch (option) {
            case "UTF8", "UTF-8" -> {
                String mode = value.toUpperCase(Locale.ROOT);
                if (!mode.isEmpty() && !mode.equals("ON") && !mode.equals("OFF")) {
                    throw FtpException.syntax("Syntax: OPTS UTF8 ON|OFF");
                }
                yield Reply.of(ReplyCode.OK, "UTF8 mode is always on for path names");
            }
            case "MLST" -> mlst(session, value);
            default -> throw FtpException.syntax("Option not understood");
        };
    }

    private static Reply mlst(Session session, String value) {
        List<String> selected = new ArrayList<>();
        for (String fact : value.split(";")) {
            String f = fact.strip().toLowerCase(Locale.ROOT);
            if (TransferParameters.MLST_FACTS.contains(f) && !selected.contains(f)) {
                selected.add(f);
            }
        }
        // Keep the server's order so MLST output is stable whatever order the client used.
        selected.sort(java.util.Comparator.comparingInt(TransferParameters.MLST_FACTS::indexOf));
        session.parameters().mlstFacts(selected);
        StringBuilder echo = new StringBuilder("MLST OPTS ");
        selected.forEach(f -> echo.append(f).append(';'));
        return Reply.of(ReplyCode.OK, echo.toString());
    }
}
