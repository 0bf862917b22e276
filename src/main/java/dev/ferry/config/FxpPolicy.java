package dev.ferry.config;

/**
 * Who may use PORT/EPRT towards an address other than their own, and accept passive data
 * connections from one (server-to-server transfers, FXP). RFC 2577 §3 explains why this is off.
 */
public enum FxpPolicy {
    /** Nobody (the default). */
    NOBODY,
    /** Logged-in real users, not anonymous (Pure-FTPd -w). */
    AUTHENTICATED,
    /** Everybody, anonymous included (Pure-FTPd -W). */
    EVERYONE
}
