package dev.ferry.command.auth;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.UserAccount;
import dev.ferry.command.CommandHandler;
import dev.ferry.config.FxpPolicy;
import dev.ferry.fs.LocalFileSystem;
import dev.ferry.log.LogText;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.LoginState;
import dev.ferry.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PASS (RFC 959 §4.1.1). A failed login waits before answering and the connection is closed
 * after too many; unknown user and wrong password get the same reply after the same work.
 */
public final class PassHandler implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PassHandler.class);

    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (!(session.login() instanceof LoginState.AwaitingPassword(String user))) {
            throw FtpException.badSequence(session.isLoggedIn() ? "Already logged in" : "Login with USER first");
        }
        char[] password = argument.toCharArray();
        AuthResult result;
        try {
            result = session.services().authenticator().authenticate(user, password, session.remote().getAddress());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (result instanceof AuthResult.Success(UserAccount account)) {
            try {
                Files.createDirectories(account.root());
                session.login(new LoginState.LoggedIn(account,
                        LocalFileSystem.open(account.root(), session.config().symlinks())));
            } catch (IOException e) {
                LOG.error("login of {} failed: home directory {} is not usable: {}", LogText.escape(user),
                        account.root(), e.toString());
                session.login(new LoginState.AwaitingUser());
                throw new FtpException(ReplyCode.NOT_LOGGED_IN, "Login failed: home directory unavailable");
            }
            session.cwd(dev.ferry.fs.VirtualPath.ROOT);
            FxpPolicy fxp = session.config().fxp();
            session.data().allowForeign(fxp == FxpPolicy.EVERYONE || (fxp == FxpPolicy.AUTHENTICATED && !account.anonymous()));
            if (account.anonymous()) {
                LOG.info("anonymous login, password (e-mail) {}", LogText.escape(argument));
                return Reply.of(ReplyCode.LOGGED_IN, "Anonymous access granted, restrictions apply");
            }
            LOG.info("user {} logged in", account.name());
            return Reply.of(ReplyCode.LOGGED_IN, "User " + account.name() + " logged in");
        }
        String reason = result instanceof AuthResult.Failure(String why) ? why : "unknown user";
        LOG.info("login failed for {}: {}", LogText.escape(user), reason);
        session.login(new LoginState.AwaitingUser());
        int failures = session.recordFailedLogin();
        pause(session.config().limits().loginFailureDelay());
        if (failures >= session.config().limits().maxLoginAttempts()) {
            session.close();
            return Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Too many failed logins, closing control connection");
        }
        return Reply.of(ReplyCode.NOT_LOGGED_IN, "Login incorrect");
    }

    private static void pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
