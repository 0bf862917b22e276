package dev.ferry.auth;

import java.net.InetAddress;
import java.util.List;

/**
 * Asks authenticators in order until one claims the user. When none does, the password is still
 * put through a hash so that "no such user" takes as long as "wrong password".
 */
public final class AuthenticatorChain implements Authenticator {
    private final List<Authenticator> authenticators;

    public AuthenticatorChain(List<Authenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        for (Authenticator authenticator : authenticators) {
            AuthResult result = authenticator.authenticate(user, password, client);
            if (!(result instanceof AuthResult.NotApplicable)) {
                return result;
            }
        }
        PasswordHasher.burnEquivalentTime(password);
        return new AuthResult.Failure("unknown user");
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        for (Authenticator authenticator : authenticators) {
            AuthResult result = authenticator.find(user, client);
            if (!(result instanceof AuthResult.NotApplicable)) {
                return result;
            }
        }
        return new AuthResult.Failure("unknown user");
    }
}
