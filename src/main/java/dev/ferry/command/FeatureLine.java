package dev.ferry.command;

import dev.ferry.session.Session;

/**
 * One line of the FEAT reply (RFC 2389 §3.2), possibly depending on the session's options; an
 * empty line is a feature this session's server does not offer, and is left out.
 */
@FunctionalInterface
public interface FeatureLine {

    String describe(Session session);

    static FeatureLine fixed(String line) {
        return session -> line;
    }
}
