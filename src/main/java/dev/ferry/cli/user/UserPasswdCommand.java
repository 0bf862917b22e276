package dev.ferry.cli.user;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.PasswordPrompt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry user passwd NAME}: sets a new password, read the same way as for {@code user add}. */
@Command(name = "passwd", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Set a user's password (asked for twice, or read as two lines from standard input).")
public final class UserPasswdCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataDirOption dataDir;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    private String name;

    @Override
    public Integer call() {
        try (UserStore store = SqliteUserStore.open(dataDir.resolve().userDatabase())) {
            StoredUser user = store.find(name)
                    .orElseThrow(() -> new UserStoreException("no such user '" + name + "'"));
            String hash = UserAddCommand.hashNewPassword();
            store.update(new StoredUser(user.name(), hash, user.home(), user.enabled(), user.limits(),
                    user.groups()));
            spec.commandLine().getOut().println("Changed the password of user " + name);
            return 0;
        } catch (UserStoreException | IllegalArgumentException | PasswordPrompt.Rejected e) {
            return CommandFailure.report(spec, e);
        }
    }
}
