package dev.ferry.cli;

import java.util.List;

/** A pure-ftpd.conf that cannot be used: every problem found, each as "FILE:LINE: message". */
public final class PureFtpdConfException extends Exception {
    private final List<String> errors;

    public PureFtpdConfException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
