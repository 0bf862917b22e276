package dev.ferry.server;

import java.util.List;
import java.util.Objects;

/** What {@link FtpServer#reload} did. Either way, sessions already running are untouched. */
public sealed interface ReloadOutcome {

    /**
     * New sessions get the new configuration.
     *
     * @param summary one line: servers, listen addresses added and removed, sessions that keep the old one
     * @param notes   the configuration's notes (settings accepted that change nothing), as {@link ConfigLoad#notes}
     */
    record Applied(String summary, List<String> notes) implements ReloadOutcome {
        public Applied {
            Objects.requireNonNull(summary);
            notes = List.copyOf(notes);
        }
    }

    /** The new configuration was not used; the running one stays, for new sessions too. */
    record Refused(List<String> errors) implements ReloadOutcome {
        public Refused {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a refused reload needs at least one error");
            }
        }
    }
}
