package dev.ferry.command.data;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * EPRT |proto|address|port| (RFC 2428 §2), any delimiter from 33-126. Addresses must be literals
 * (never resolved); protocol 1 is IPv4, 2 is IPv6; others get 522 listing what is supported.
 */
public final class EprtHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        return ActiveTargets.set(session, argument, EprtHandler::parse, "EPRT");
    }

    private static ActiveTargets.Target parse(String argument) throws FtpException {
        String arg = argument.strip();
        if (arg.length() < 7) {
            throw FtpException.syntax("Syntax: EPRT |proto|address|port|");
        }
        char d = arg.charAt(0);
        if (d < 33 || d > 126 || arg.charAt(arg.length() - 1) != d) {
            throw FtpException.syntax("Syntax: EPRT |proto|address|port|");
        }
        String[] fields = arg.substring(1, arg.length() - 1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (fields.length != 3) {
            throw FtpException.syntax("Syntax: EPRT |proto|address|port|");
        }
        if (!fields[0].equals("1") && !fields[0].equals("2")) {
            throw new FtpException(ReplyCode.PROTOCOL_NOT_SUPPORTED, "Network protocol not supported, use (1,2)");
        }
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(fields[1]);
        } catch (IllegalArgumentException e) {
            throw FtpException.syntax("Invalid network address");
        }
        boolean v4 = fields[0].equals("1");
        if ((v4 && !(address instanceof Inet4Address)) || (!v4 && !(address instanceof Inet6Address))) {
            throw FtpException.syntax("Address does not match protocol " + fields[0]);
        }
        int port;
        try {
            port = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            throw FtpException.syntax("Invalid port");
        }
        return new ActiveTargets.Target(address, port);
    }
}
