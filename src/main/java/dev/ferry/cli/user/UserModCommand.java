package dev.ferry.cli.user;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry user mod NAME ...}: changes a user's home, enabled flag, limits or groups. */
@Command(name = "mod", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Change a user's home directory, enabled state, limits or groups. "
                + "Options left out keep their value.")
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

    @Option(names = {"-g", "--groups"}, paramLabel = "GROUPS", converter = GroupOptions.ListConverter.class,
            description = "Replace the user's groups with these, comma-separated ('' for none).")
    private GroupOptions.GroupList groups;

    @Option(names = "--add-group", paramLabel = "GROUP", converter = GroupOptions.NameConverter.class,
            description = "Add the user to GROUP (repeatable).")
    private List<String> addGroups;

    @Option(names = "--remove-group", paramLabel = "GROUP", converter = GroupOptions.NameConverter.class,
            description = "Take the user out of GROUP (repeatable).")
    private List<String> removeGroups;

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
        // Picocli leaves a repeatable option's list null when the option is not given.
        List<String> adding = addGroups == null ? List.of() : addGroups;
        List<String> removing = removeGroups == null ? List.of() : removeGroups;
        boolean groupEdits = !adding.isEmpty() || !removing.isEmpty();
        if (homeChoice == null && enabledChoice == null && !limits.anyGiven() && groups == null && !groupEdits) {
            throw new ParameterException(spec.commandLine(), "Nothing to change: give --home, --default-home, "
                    + "--enable, --disable, a limit option, --groups, --add-group or --remove-group");
        }
        if (groups != null && groupEdits) {
            throw new ParameterException(spec.commandLine(),
                    "--groups sets the whole list; use it without --add-group and --remove-group");
        }
        for (String group : adding) {
            if (removing.contains(group)) {
                throw new ParameterException(spec.commandLine(),
                        "Group '" + group + "' is both added and removed");
            }
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
                    limits.applyTo(user.limits()), newGroups(user, adding, removing)));
            spec.commandLine().getOut().println("Updated user " + name);
            return 0;
        } catch (UserStoreException | IllegalArgumentException e) {
            return CommandFailure.report(spec, e);
        }
    }

    private Set<String> newGroups(StoredUser user, List<String> adding, List<String> removing) {
        if (groups != null) {
            return groups.names();
        }
        Set<String> result = new TreeSet<>(user.groups());
        result.addAll(adding);
        for (String group : removing) {
            // Like gpasswd -d: naming a group the user is not in is more likely a typo than intent.
            if (!result.remove(group)) {
                throw new IllegalArgumentException("user '" + user.name() + "' is not in group '" + group + "'");
            }
        }
        return result;
    }
}
