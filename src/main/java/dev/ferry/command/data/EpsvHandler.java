package dev.ferry.command.data;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.io.IOException;
import java.net.Inet6Address;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EPSV [1|2|ALL] (RFC 2428 §3): passive mode that names only the port, so it works for IPv6 and
 * through NAT without address rewriting. {@code EPSV ALL} locks the session to EPSV.
 */
public final class EpsvHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EpsvHandler.class);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.config().passive().off()) {
            throw new FtpException(ReplyCode.NOT_IMPLEMENTED, dev.ferry.config.PassiveConfig.offText());
        }
        String arg = argument.strip().toUpperCase(Locale.ROOT);
        if (arg.equals("ALL")) {
            session.epsvAll(true);
            return Reply.of(ReplyCode.OK, "EPSV ALL ok");
        }
        String family = session.local().getAddress() instanceof Inet6Address ? "2" : "1";
        if (!arg.isEmpty() && !arg.equals(family)) {
            if (arg.equals("1") || arg.equals("2")) {
                throw new FtpException(ReplyCode.PROTOCOL_NOT_SUPPORTED,
                        "Network protocol not supported on this connection, use (" + family + ")");
            }
            throw FtpException.syntax("Syntax: EPSV [1|2|ALL]");
        }
        int port;
        try {
            port = session.data().openPassive();
        } catch (IOException e) {
            LOG.warn("cannot open a passive listener: {}", e.toString());
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Can't open passive connection");
        }
        return Reply.of(ReplyCode.ENTERING_EXTENDED_PASSIVE, "Entering Extended Passive Mode (|||" + port + "|)");
    }
}
