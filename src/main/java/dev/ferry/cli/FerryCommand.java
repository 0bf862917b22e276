package dev.ferry.cli;

import dev.ferry.cli.user.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry}: the entry point; each job is a subcommand. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Ferry FTP server.",
        subcommands = {ServeCommand.class, ReloadCommand.class, CheckConfigCommand.class, UserCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class FerryCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (try: ferry serve)");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    public static CommandLine newCommandLine() {
        return new CommandLine(new FerryCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
