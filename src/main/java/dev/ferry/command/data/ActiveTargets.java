package dev.ferry.command.data;

import dev.ferry.data.DataChannels;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
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

    /** Where PORT or EPRT asks the data connection to go, as parsed; checked by {@link #set}. */
    record Target(InetAddress address, int port) {
    }

    /** Parses a PORT or EPRT argument; a malformed one is refused with the right code. */
    @FunctionalInterface
    interface Parser {
        Target parse(String argument) throws FtpException;
    }

    /**
     * The whole of PORT and EPRT but the parsing: refused after EPSV ALL (RFC 2428 §4, changing
     * nothing); otherwise the target is parsed and checked, and a refusal also forgets the
     * earlier PASV listener or PORT target, so that the next transfer fails with 425 instead of
     * quietly using a set-up the client meant to replace (Pure-FTPd 1.0.53 fixed the same
     * stale-state problem).
     */
    static Outcome set(Session session, String argument, Parser parser, String verb) throws FtpException {
        if (session.epsvAll()) {
            throw FtpException.badSequence("EPSV ALL in effect: only EPSV may set up data connections");
        }
        try {
            accept(session, parser.parse(argument));
        } catch (FtpException refused) {
            session.data().reset();
            throw refused;
        }
        return Reply.of(ReplyCode.OK, verb + " command successful");
    }

    private static void accept(Session session, Target target) throws FtpException {
        int port = target.port();
        if (port < FIRST_UNPRIVILEGED_PORT || port > 65535) {
            throw FtpException.notImplementedForParameter("Refusing data connection to port " + port
                    + " (privileged ports are not allowed)");
        }
        DataChannels data = session.data();
        if (!data.foreignAllowed() && !DataChannels.sameHost(target.address(), data.controlRemote())) {
            throw new FtpException(ReplyCode.SYNTAX_ERROR,
                    "Illegal PORT: data connections may only go to the address of the control connection");
        }
        data.setActive(new InetSocketAddress(target.address(), port));
    }
}
