package dev.ferry.command.data;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.session.Session;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** PORT h1,h2,h3,h4,p1,p2 (RFC 959 §4.1.2), with the checks in {@link ActiveTargets}. */
public final class PortHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        return ActiveTargets.set(session, argument, PortHandler::parse, "PORT");
    }

    private static ActiveTargets.Target parse(String argument) throws FtpException {
        String[] parts = argument.strip().split(",");
        if (parts.length != 6) {
            throw FtpException.syntax("Syntax: PORT h1,h2,h3,h4,p1,p2");
        }
        byte[] address = new byte[4];
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw FtpException.syntax("Syntax: PORT h1,h2,h3,h4,p1,p2");
            }
            if (numbers[i] < 0 || numbers[i] > 255) {
                throw FtpException.syntax("PORT numbers must be 0-255");
            }
        }
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) numbers[i];
        }
        try {
            return new ActiveTargets.Target(InetAddress.getByAddress(address), numbers[4] * 256 + numbers[5]);
        } catch (UnknownHostException e) {
            throw FtpException.syntax("Invalid address");
        }
    }
}
