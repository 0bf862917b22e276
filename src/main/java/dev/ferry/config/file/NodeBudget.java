package dev.ferry.config.file;

/**
 * Caps how many nodes and files one parse may produce, so that a huge or exponentially self-including
 * configuration ends in an error instead of exhausting memory. Every parsed node and every file read counts,
 * including each repeated read of a file that is included more than once.
 */
final class NodeBudget {

    static final int DEFAULT_LIMIT = 100_000;

    private final int limit;
    private int spent;

    NodeBudget(int limit) {
        this.limit = limit;
    }

    /** Counts one node or file; throws once the limit is passed (after the caller's error is recorded). */
    void spend(SourceLocation at, ErrorList errors) {
        spent++;
        if (spent > limit) {
            errors.add(at, "configuration is too large: more than " + limit
                    + " directives, sections and included files in all");
            throw new Exhausted();
        }
    }

    /** Ends the parse; carries no message because the error is already in the {@link ErrorList}. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super(null, null, false, false);
        }
    }
}
