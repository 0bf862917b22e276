package dev.ferry.command;

import dev.ferry.fs.FsException;
import dev.ferry.log.LogText;
import dev.ferry.reply.ErrorMapper;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.CommandLine;
import dev.ferry.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command through the gates every command passes, in this order: known verb (500),
 * login (530), argument rule (501), then the handler; and maps whatever the handler throws to
 * a reply. No handler writes error replies itself.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final CommandTable table;

    public Dispatcher(CommandTable table) {
        this.table = table;
    }

    public Outcome dispatch(Session session, CommandSpec spec, CommandLine command) {
        if (spec == null) {
            // An unknown command still comes between RNFR and RNTO, which must be adjacent
            // (RFC 959 §4.1.3), so it ends the pending rename like any other command.
            session.parameters().renameFrom(null);
            return Reply.of(ReplyCode.SYNTAX_ERROR, printable(command.verb()) + ": command not understood");
        }
        try {
            if (spec.requiresLogin() && !session.isLoggedIn()) {
                return Reply.of(ReplyCode.NOT_LOGGED_IN, "Please login with USER and PASS");
            }
            String argument = command.argument();
            if (spec.argument() == ArgRule.REQUIRED && argument.isBlank()) {
                return Reply.of(ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS, "Syntax: " + spec.syntax());
            }
            if (spec.argument() == ArgRule.NONE && !argument.isBlank()) {
                return Reply.of(ReplyCode.SYNTAX_ERROR_IN_ARGUMENTS, spec.verb() + " takes no argument");
            }
            return spec.handler().handle(session, argument);
        } catch (FtpException e) {
            return e.reply();
        } catch (FsException e) {
            if (e instanceof FsException.IoFailure) {
                LOG.warn("{} failed: {}", spec.verb(), String.valueOf(e.getCause()));
            }
            return ErrorMapper.toReply(e);
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", LogText.escape(spec.verb()), e);
            return Reply.of(ReplyCode.LOCAL_ERROR, "Local error in processing");
        } finally {
            if (!spec.verb().equals("RNFR")) {
                session.parameters().renameFrom(null); // RNTO must follow RNFR at once (RFC 959 §4.1.3)
            }
        }
    }

    /** The verb echoed back, without anything that could break the reply. */
    private static String printable(String verb) {
        String cut = verb.length() > 16 ? verb.substring(0, 16) : verb;
        return cut.replaceAll("[^A-Za-z0-9_-]", "?");
    }

    public CommandTable table() {
        return table;
    }
}
