package dev.ferry.command;

import dev.ferry.config.FileRules;
import dev.ferry.fs.FsException;
import dev.ferry.log.LogText;
import dev.ferry.policy.limit.Decision;
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
            session.currentCommand(spec);
            if (session.isLoggedIn()) {
                Reply refused = configuredRefusal(session, spec, argument);
                if (refused != null) {
                    return refused;
                }
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

    /**
     * What the configuration refuses before the handler runs: an argument {@code AllowFilter}
     * does not match or {@code DenyFilter} does, and {@code <Limit>} blocks for commands that do
     * not name a path (those are checked on their path, in {@code Session.require}), judged in
     * the working directory. Null when nothing is refused.
     */
    private static Reply configuredRefusal(Session session, CommandSpec spec, String argument) {
        var here = session.hostPath(session.cwd());
        FileRules files = session.rules().files(here);
        if (!argument.isEmpty() && (files.allowFilter().filter(p -> !p.matcher(argument).find()).isPresent()
                || files.denyFilter().filter(p -> p.matcher(argument).find()).isPresent())) {
            LOG.info("{} refused by AllowFilter/DenyFilter", spec.verb());
            return Reply.of(ReplyCode.FILE_UNAVAILABLE, "Forbidden command argument");
        }
        boolean namesPath = spec.argument() != ArgRule.NONE && spec.group() != CommandGroup.MISC
                && spec.group() != CommandGroup.LOGIN;
        if (!namesPath && session.rules().decide(Session.limitVerb(spec), spec.group().name(), here)
                == Decision.DENY) {
            LOG.info("{} refused by <Limit>", spec.verb());
            return Reply.of(ReplyCode.FILE_UNAVAILABLE, spec.verb() + ": permission denied");
        }
        return null;
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
