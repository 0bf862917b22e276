package dev.ferry.auth;

import java.net.InetAddress;

/** Checks one login against one source of accounts. Called on the session's virtual thread. */
public interface Authenticator {

    /** @param password cleared by the caller after the call */
    AuthResult authenticate(String user, char[] password, InetAddress client);
}
