package dev.ferry.command.data;

import dev.ferry.data.DataChannels;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.Session;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The bounce-attack rules PORT and EPRT share (RFC 2577 §3): the data connection may only go back
 * to the client's own address unless the session may use FXP, and never to a privileged port,
 * where a server-initiated connection could talk to another service with the server's authority.
 */
final class ActiveTargets {
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private ActiveTargets() {
    }

    /** RFC 2428 §4: after EPSV ALL every other data set-up command is refused (and changes nothing). */
    static void checkNotEpsvAll(Session session) throws FtpException {
        if (session.epsvAll()) {
            throw FtpException.badSequence("EPSV ALL in effect: only EPSV may set up data connections");
        }
    }

    /**
     * A refused PORT/EPRT also forgets the earlier PASV listener or PORT target, so that the next
     * transfer fails with 425 instead of quietly using a set-up the client meant to replace
     * (Pure-FTPd 1.0.53 fixed the same stale-state problem).
     */
    static FtpException forgetSetup(Session session, FtpException refusal) {
        session.data().reset();
        return refusal;
    }

    static void accept(Session session, InetAddress address, int port) throws FtpException {
        checkNotEpsvAll(session);
        if (port < FIRST_UNPRIVILEGED_PORT || port > 65535) {
            throw FtpException.notImplementedForParameter("Refusing data connection to port " + port
                    + " (privileged ports are not allowed)");
        }
        DataChannels data = session.data();
        if (!data.foreignAllowed() && !DataChannels.sameHost(address, data.controlRemote())) {
            throw new FtpException(ReplyCode.SYNTAX_ERROR,
                    "Illegal PORT: data connections may only go to the address of the control connection");
        }
        data.setActive(new InetSocketAddress(address, port));
    }
}
