package dev.ferry.server;

import dev.ferry.session.SessionSlot;

/** Whether a new connection may start a session. */
public sealed interface Admission {

    /** Admitted; the session holds {@code slot} until it ends. */
    record Admitted(SessionSlot slot) implements Admission {
    }

    /** Refused; {@code message} goes to the client in a 421. */
    record Refused(String message) implements Admission {
    }
}
