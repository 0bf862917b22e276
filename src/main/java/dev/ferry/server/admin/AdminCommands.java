package dev.ferry.server.admin;

import dev.ferry.server.FtpServer;
import dev.ferry.server.ReloadOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands the admin socket offers for a running server, by name. Only {@code reload} for
 * now; {@code who} and {@code shutdown} would be further entries.
 */
public final class AdminCommands {
    public static final String RELOAD = "reload";

    private AdminCommands() {
    }

    public static Map<String, AdminCommand> of(FtpServer server) {
        return Map.of(RELOAD, () -> reload(server));
    }

    private static AdminAnswer reload(FtpServer server) {
        return switch (server.reload()) {
            case ReloadOutcome.Applied applied -> {
                List<String> lines = new ArrayList<>();
                lines.add(applied.summary());
                lines.addAll(applied.notes());
                yield new AdminAnswer.Done(lines);
            }
            case ReloadOutcome.Refused refused -> new AdminAnswer.Failed(refused.errors());
        };
    }
}
