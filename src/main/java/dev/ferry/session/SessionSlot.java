package dev.ferry.session;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.ServerConfig;
import java.util.Optional;

/**
 * A session's place in the server's client counts: the server (or virtual host) it is counted
 * against for {@code MaxClients}/{@code MaxClientsPerHost}, and, once logged in, the user it is
 * counted against for {@code MaxClientsPerUser}. Each method returns the refusal text when a
 * limit says no, and then changes nothing.
 */
public interface SessionSlot {

    /** For sessions that no limit counts (a holder of default state that never runs). */
    SessionSlot UNCOUNTED = new SessionSlot() {
        @Override
        public Optional<String> moveTo(ServerConfig server) {
            return Optional.empty();
        }

        @Override
        public Optional<String> logIn(String user, Optional<AnonymousConfig> area, int ownLimit) {
            return Optional.empty();
        }

        @Override
        public void logOut() {
        }

        @Override
        public void release() {
        }
    };

    /**
     * RFC 7151 {@code HOST} chose another server: count the session there instead. Refused when
     * that server has no room for one more client (from this address).
     */
    Optional<String> moveTo(ServerConfig server);

    /**
     * Counts a login as {@code user} on the current server ({@code MaxClientsPerUser}, or the
     * user's own {@code ownLimit} when it is above 0, as {@code ferry user --max-sessions} sets
     * it), or, into an anonymous {@code area} with a client cap of its own, against that cap.
     */
    Optional<String> logIn(String user, Optional<AnonymousConfig> area, int ownLimit);

    /** The login ended (REIN, a new USER) while the connection stays. */
    void logOut();

    /** The connection ended: every count this slot holds is given back. Idempotent. */
    void release();
}
