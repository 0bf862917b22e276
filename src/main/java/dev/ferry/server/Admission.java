package dev.ferry.server;

/** Whether a new connection may start a session. */
public sealed interface Admission {

    record Admitted() implements Admission {
    }

    /** Refused; {@code message} goes to the client in a 421. */
    record Refused(String message) implements Admission {
    }
}
