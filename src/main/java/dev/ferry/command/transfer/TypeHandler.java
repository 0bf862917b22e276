package dev.ferry.command.transfer;

import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.DataType;
import dev.ferry.session.Session;
import java.util.Locale;

/**
 * TYPE (RFC 959 §3.1.1, §4.1.2): A with format N or T (Telnet format effectors need no
 * conversion here), I, and L 8. EBCDIC, A C (ASA carriage control) and other byte sizes: 504.
 */
public final class TypeHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        String[] parts = argument.strip().toUpperCase(Locale.ROOT).split("\\s+");
        DataType type = switch (parts[0]) {
            case "A" -> {
                if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("N") && !parts[1].equals("T"))) {
                    throw FtpException.notImplementedForParameter("Only TYPE A N and A T are supported");
                }
                yield DataType.ASCII;
            }
            case "I" -> {
                if (parts.length > 1) {
                    throw FtpException.syntax("Syntax: TYPE I");
                }
                yield DataType.BINARY;
            }
            case "L" -> {
                if (parts.length != 2 || !parts[1].equals("8")) {
                    throw FtpException.notImplementedForParameter("Only byte size 8 is supported");
                }
                yield DataType.BINARY;
            }
            case "E" -> throw FtpException.notImplementedForParameter("EBCDIC is not supported");
            default -> throw FtpException.syntax("Unknown TYPE " + parts[0].replaceAll("[^A-Z0-9]", "?"));
        };
        session.parameters().type(type);
        return Reply.of(ReplyCode.OK, "Type set to " + (type == DataType.ASCII ? "A" : "I"));
    }
}
