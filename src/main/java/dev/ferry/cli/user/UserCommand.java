package dev.ferry.cli.user;

import dev.ferry.cli.FerryVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry user}: manage the virtual users in the data directory's user database. */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Manage virtual users (stored in DATA_DIR/users.db).",
        subcommands = {UserAddCommand.class, UserModCommand.class, UserPasswdCommand.class,
                UserDelCommand.class, UserListCommand.class})
public final class UserCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand (add, mod, passwd, del or list)");
    }
}
