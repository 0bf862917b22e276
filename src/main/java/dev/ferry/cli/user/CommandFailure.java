package dev.ferry.cli.user;

import picocli.CommandLine.Model.CommandSpec;

/** How the user subcommands report an error an administrator can act on: one line, exit code 1. */
final class CommandFailure {
    static final int EXIT_CODE = 1;

    private CommandFailure() {
    }

    static int report(CommandSpec spec, Exception e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
        return EXIT_CODE;
    }
}
