package dev.ferry.cli.user;

import dev.ferry.auth.GroupNames;
import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserNames;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.PasswordPrompt;
import dev.ferry.config.DataDirectory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry user add NAME}: creates a user, asking for the password. */
@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = {"Add a user. The password is asked for twice on the terminal, or read as two "
                + "lines from standard input (e.g. printf 'pw\\npw\\n' | ferry user add bob)."})
public final class UserAddCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    private String name;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Home directory (default: DATA_DIR/home/NAME).")
    private Path home;

    @Option(names = "--disabled", description = "Create the user unable to log in until enabled.")
    private boolean disabled;

    @Option(names = {"-g", "--groups"}, paramLabel = "GROUPS", converter = GroupOptions.ListConverter.class,
            description = "Groups the user belongs to, comma-separated (e.g. users,staff).")
    private GroupOptions.GroupList groups;

    @Mixin
    private LimitOptions limits;

    @Override
    public Integer call() {
        DataDirectory data = dataDir.resolve();
        try {
            UserNames.requireValid(name);
            Optional<Path> explicitHome = Optional.ofNullable(home).map(h -> h.toAbsolutePath().normalize());
            UserLimits userLimits = limits.applyTo(UserLimits.NONE);
            Set<String> userGroups = groups == null ? Set.of() : groups.names();
            try (UserStore store = SqliteUserStore.open(data.userDatabase())) {
                // Checked before the prompt so nobody types a password twice for nothing;
                // add() still refuses if another process gets there in between.
                if (store.find(name).isPresent()) {
                    throw new UserStoreException("user '" + name + "' already exists");
                }
                String hash = hashNewPassword();
                store.add(new StoredUser(name, hash, explicitHome, !disabled, userLimits, userGroups));
            }
            spec.commandLine().getOut().println("Added user " + name + " (home: "
                    + explicitHome.orElse(data.defaultHome(name))
                    + (userGroups.isEmpty() ? "" : ", groups: " + GroupNames.formatList(userGroups)) + ")"
                    + (disabled ? ", disabled" : ""));
            return 0;
        } catch (UserStoreException | IllegalArgumentException | PasswordPrompt.Rejected e) {
            return CommandFailure.report(spec, e);
        }
    }

    static String hashNewPassword() throws PasswordPrompt.Rejected {
        char[] password = PasswordPrompt.readNew();
        try {
            return PasswordHasher.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
