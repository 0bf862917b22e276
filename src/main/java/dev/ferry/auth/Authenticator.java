package dev.ferry.auth;

import java.net.InetAddress;

/** Checks one login against one source of accounts. Called on the session's virtual thread. */
public interface Authenticator {

    /** @param password cleared by the caller after the call */
    AuthResult authenticate(String user, char[] password, InetAddress client);

    /**
     * The account of {@code user} without a password, for a login proven otherwise (a client
     * certificate): what {@link #authenticate} gives for the right password. Sources that cannot
     * tell do not know the user.
     */
    default AuthResult find(String user, InetAddress client) {
        return new AuthResult.NotApplicable();
    }
}
