package dev.ferry.command.info;

import dev.ferry.command.CommandSpec;
import dev.ferry.command.FeatureLine;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * FEAT (RFC 2389 §3): "211-Features:", one feature per line with a single leading space, then
 * "211 End". The lines come from the command table, so FEAT cannot advertise what dispatch lacks.
 */
public final class FeatHandler implements dev.ferry.command.CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) {
        List<String> lines = new ArrayList<>();
        lines.add("Features:");
        for (CommandSpec spec : session.services().commands().all()) {
            for (FeatureLine feature : spec.features()) {
                String line = feature.describe(session);
                if (!line.isEmpty()) { // a feature this server has off (AUTH TLS without TLS)
                    lines.add(" " + line);
                }
            }
        }
        lines.add("End");
        return Reply.multiline(ReplyCode.SYSTEM_STATUS, lines);
    }
}
