package dev.ferry.command;

import dev.ferry.session.Session;

/** One line of the FEAT reply (RFC 2389 §3.2), possibly depending on the session's options. */
@FunctionalInterface
public interface FeatureLine {

    String describe(Session session);

    static FeatureLine fixed(String line) {
        return session -> line;
    }
}
