package dev.ferry.cli.user;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry user mod NAME ...}: changes a user's home, enabled flag or limits. */
@Command(name = "mod", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Change a user's home directory, enabled state or limits. Options left out keep their value.")
public final class UserModCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    private String name;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private HomeChoice homeChoice;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private EnabledChoice enabledChoice;

    @Mixin
    private LimitOptions limits;

    static final class HomeChoice {
        @Option(names = "--home", paramLabel = "DIR", required = true, description = "New home directory.")
        Path home;

        @Option(names = "--default-home", required = true, description = "Use DATA_DIR/home/NAME again.")
        boolean defaultHome;
    }

    static final class EnabledChoice {
        @Option(names = "--enable", required = true, description = "Allow the user to log in.")
        boolean enable;

        @Option(names = "--disable", required = true, description = "Stop the user from logging in.")
        boolean disable;
    }

    @Override
    public Integer call() {
        if (homeChoice == null && enabledChoice == null && !limits.anyGiven()) {
            throw new ParameterException(spec.commandLine(), "Nothing to change: give --home, --default-home, "
                    + "--enable, --disable or a limit option");
        }
        try (UserStore store = SqliteUserStore.open(dataDir.resolve().userDatabase())) {
            StoredUser user = store.find(name)
                    .orElseThrow(() -> new UserStoreException("no such user '" + name + "'"));
            Optional<Path> home = user.home();
            if (homeChoice != null) {
                home = homeChoice.defaultHome
                        ? Optional.empty()
                        : Optional.of(homeChoice.home.toAbsolutePath().normalize());
            }
            boolean enabled = enabledChoice == null ? user.enabled() : enabledChoice.enable;
            store.update(new StoredUser(user.name(), user.passwordHash(), home, enabled,
                    limits.applyTo(user.limits())));
            spec.commandLine().getOut().println("Updated user " + name);
            return 0;
        } catch (UserStoreException | IllegalArgumentException e) {
            return CommandFailure.report(spec, e);
        }
    }
}
