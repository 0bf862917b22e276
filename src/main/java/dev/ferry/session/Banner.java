package dev.ferry.session;

import dev.ferry.config.Messages;
import dev.ferry.config.ServerConfig;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The 220 greeting (RFC 959 §4.2): the {@code DisplayConnect} file as continuation lines, a
 * random cookie of the fortune file ({@code -F}), then the {@code ServerIdent} text, or
 * "ServerName ready". {@code ServerIdent off} names nothing.
 */
public final class Banner {
    private Banner() {
    }

    public static Reply of(ServerConfig server) {
        Messages m = server.messages();
        String last = m.ident().orElse(m.hideIdent() ? "FTP server ready" : server.serverName() + " ready");
        if (m.fortunes().isEmpty()) {
            return Reply.multiline(ReplyCode.SERVICE_READY, MessageFile.withLast(m.displayConnect(), last));
        }
        List<String> lines = new ArrayList<>(m.displayConnect().map(MessageFile::read).orElse(List.of()));
        lines.addAll(FortuneCookie.pick(m.fortunes().get()));
        lines.add(last);
        return Reply.multiline(ReplyCode.SERVICE_READY, lines);
    }
}
