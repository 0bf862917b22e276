package dev.ferry.command.auth;

import dev.ferry.auth.AccountResolver;
import dev.ferry.auth.AuthResult;
import dev.ferry.auth.CertificateLogin;
import dev.ferry.auth.UserAccount;
import dev.ferry.auth.UserNames;
import dev.ferry.command.CommandHandler;
import dev.ferry.reply.FtpException;
import dev.ferry.reply.Outcome;
import dev.ferry.reply.Reply;
import dev.ferry.reply.ReplyCode;
import dev.ferry.session.LoginState;
import dev.ferry.session.Session;

/**
 * USER (RFC 959 §4.1.1). Every name gets the same 331, whether it exists or not, so USER cannot
 * be used to find accounts. Where the server takes client certificates for logins (RFC 4217
 * §12), the certificate may log the user in at once (232) or refuse the name (530).
 */
public final class UserHandler implements CommandHandler {
    @Override
    public Outcome handle(Session session, String argument) throws FtpException {
        if (session.isLoggedIn()) {
            throw new FtpException(ReplyCode.NOT_LOGGED_IN, "Already logged in; use REIN to change user");
        }
        String name = argument.trim();
        session.requireTlsForLogin(name); // before the client sends the password in the clear
        session.login(new LoginState.AwaitingPassword(name));
        switch (CertificateLogin.atUser(session.config(), session.services().accounts(), name,
                session.clientCertificate(), session.remote().getAddress())) {
            case CertificateLogin.AtUser.LoggedIn(UserAccount account) -> {
                return PassHandler.conclude(session, name, new AuthResult.Success(account), "", true);
            }
            case CertificateLogin.AtUser.Refused(String reason) -> {
                return PassHandler.conclude(session, name, new AuthResult.Failure(reason), "", true);
            }
            case CertificateLogin.AtUser.PasswordNext() -> {
                // on to PASS
            }
        }
        if (AccountResolver.isAnonymous(session.config(), name)) {
            return Reply.of(ReplyCode.NEED_PASSWORD, "Anonymous login ok, send your e-mail address as password");
        }
        String shown = UserNames.isValid(name) ? "User " + name : "User";
        return Reply.of(ReplyCode.NEED_PASSWORD, shown + " OK. Password required");
    }
}
