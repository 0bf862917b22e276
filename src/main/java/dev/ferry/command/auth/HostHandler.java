package dev.ferry.command.auth;

import dev.ferry.command.CommandHandler;
import dev.ferry.config.ServerConfig;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Banner;
import dev.ferry.session.LoginState;
import dev.ferry.session.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * HOST (RFC 7151): the client names the virtual host it wants before it logs in, so that several
 * servers can share one address and port. The reply is the chosen server's greeting with code 220
 * (§3.1). After USER or login it is out of sequence (503, §3.2); a name no server here answers to
 * is 504 (§3.3). An address literal naming the address the client reached keeps the current server.
 */
public final class HostHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (!(session.login() instanceof LoginState.AwaitingUser)) {
            throw FtpException.badSequence("HOST must come before USER");
        }
        String name = argument.trim();
        Optional<ServerConfig> chosen = session.services().config().serverNamed(name, session.local());
        if (chosen.isEmpty() && isOwnAddress(name, session)) {
            chosen = Optional.of(session.config());
        }
        if (chosen.isEmpty()) {
            return Reply.of(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "Unknown host " + printable(name));
        }
        Optional<String> full = session.selectServer(chosen.get());
        if (full.isPresent()) {
            // as a connection refused by MaxClients of that virtual host
            session.close();
            return Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, full.get());
        }
        return Banner.of(chosen.get());
    }

    private static boolean isOwnAddress(String name, Session session) {
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!literal.matches("[0-9a-fA-F:.]+") || !(literal.contains(".") || literal.contains(":"))) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).equals(session.local().getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) : name;
        return cut.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "?");
    }
}
