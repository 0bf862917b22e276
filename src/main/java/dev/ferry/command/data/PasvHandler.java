package dev.ferry.command.data;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASV (RFC 959 §4.1.2). Listens on a port from the passive range and advertises the masquerade
 * address when one is configured (resolved on each PASV, so a dynamic-DNS name follows address
 * changes), otherwise the address the client reached us on.
 */
public final class PasvHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PasvHandler.class);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.config().passive().off()) {
            throw new FtpException(ReplyCode.NOT_IMPLEMENTED, dev.ferry.config.PassiveConfig.offText());
        }
        if (session.epsvAll()) {
            throw FtpException.badSequence("EPSV ALL in effect: only EPSV may set up data connections");
        }
        InetAddress advertised = advertisedAddress(session);
        int port;
        try {
            port = session.data().openPassive();
        } catch (IOException e) {
            LOG.warn("cannot open a passive listener: {}", e.toString());
            throw new FtpException(ReplyCode.CANT_OPEN_DATA, "Can't open passive connection");
        }
        byte[] a = advertised.getAddress();
        String hostPort = String.format("%d,%d,%d,%d,%d,%d", a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff,
                port >> 8, port & 0xff);
        return Reply.of(ReplyCode.ENTERING_PASSIVE, "Entering Passive Mode (" + hostPort + ")");
    }

    private static InetAddress advertisedAddress(Session session) throws FtpException {
        var masquerade = session.config().passive().masqueradeFor(session.clientClass());
        if (masquerade.isPresent()) {
            try {
                for (InetAddress candidate : InetAddress.getAllByName(masquerade.get())) {
                    if (candidate instanceof Inet4Address) {
                        return candidate;
                    }
                }
            } catch (UnknownHostException e) {
                LOG.warn("masquerade address {} does not resolve; advertising the local address", masquerade.get());
            }
        }
        InetAddress local = session.local().getAddress();
        if (local instanceof Inet4Address) {
            return local;
        }
        byte[] raw = local.getAddress();
        if (local instanceof Inet6Address && isIpv4Mapped(raw)) {
            try {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, 12, 16));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        throw new FtpException(ReplyCode.CANT_OPEN_DATA, "PASV cannot express an IPv6 address; use EPSV");
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        if (raw.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }
}
