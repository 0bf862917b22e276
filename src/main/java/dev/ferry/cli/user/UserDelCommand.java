package dev.ferry.cli.user;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import dev.ferry.config.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry user del NAME}: removes a user; the user's files stay where they are. */
@Command(name = "del", aliases = "delete", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Delete a user. The home directory and its files are left in place.")
public final class UserDelCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    private String name;

    @Override
    public Integer call() {
        DataDirectory data = dataDir.resolve();
        try (UserStore store = SqliteUserStore.open(data.userDatabase())) {
            StoredUser user = store.find(name)
                    .orElseThrow(() -> new UserStoreException("no such user '" + name + "'"));
            if (!store.delete(name)) {
                throw new UserStoreException("no such user '" + name + "'");
            }
            Path home = user.home().orElse(data.defaultHome(name));
            // Said out loud because deleting the files is the admin's call, not ours.
            spec.commandLine().getOut().println("Deleted user " + name
                    + (Files.isDirectory(home) ? " (files in " + home + " were kept)" : ""));
            return 0;
        } catch (UserStoreException | IllegalArgumentException e) {
            return CommandFailure.report(spec, e);
        }
    }
}
