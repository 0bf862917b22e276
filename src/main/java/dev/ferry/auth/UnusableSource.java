package dev.ferry.auth;

import java.net.InetAddress;

/**
 * An account source that could not be set up (an LDAP CA file that cannot be read): every login
 * it is asked about is refused with the reason, and never handed on to the next source.
 */
record UnusableSource(String reason) implements Authenticator {

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        return new AuthResult.Failure(reason);
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        return new AuthResult.Failure(reason);
    }
}
