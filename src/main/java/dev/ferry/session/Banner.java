package dev.ferry.session;

import dev.ferry.config.Messages;
import dev.ferry.config.ServerConfig;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;

/**
 * The 220 greeting (RFC 959 §4.2): the {@code DisplayConnect} file as continuation lines, then
 * the {@code ServerIdent} text, or "ServerName ready". {@code ServerIdent off} names nothing.
 */
public final class Banner {
    private Banner() {
    }

    public static Reply of(ServerConfig server) {
        Messages m = server.messages();
        String last = m.ident().orElse(m.hideIdent() ? "FTP server ready" : server.serverName() + " ready");
        return Reply.multiline(ReplyCode.SERVICE_READY, MessageFile.withLast(m.displayConnect(), last));
    }
}
