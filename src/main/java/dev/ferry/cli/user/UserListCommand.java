package dev.ferry.cli.user;

import dev.ferry.auth.GroupNames;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserStore;
import dev.ferry.auth.UserStoreException;
import dev.ferry.cli.DataDirOption;
import dev.ferry.cli.FerryVersion;
import dev.ferry.config.DataDirectory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry user list}: a table of all users, sorted by name. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "List users, sorted by name. '-' means no limit of the user's own, or no groups.")
public final class UserListCommand implements Callable<Integer> {

    private static final List<String> HEADER =
            List.of("NAME", "ENABLED", "HOME", "SESSIONS", "UPLOAD", "DOWNLOAD", "QUOTA", "FILES", "RATIO", "GROUPS");

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataDirOption dataDir;

    @Override
    public Integer call() {
        DataDirectory data = dataDir.resolve();
        List<StoredUser> users;
        try (UserStore store = SqliteUserStore.open(data.userDatabase())) {
            users = store.list();
        } catch (UserStoreException e) {
            return CommandFailure.report(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (users.isEmpty()) {
            out.println("No users. Add one with: ferry user add NAME");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (StoredUser user : users) {
            UserLimits l = user.limits();
            rows.add(List.of(
                    user.name(),
                    user.enabled() ? "yes" : "no",
                    user.home().orElse(data.defaultHome(user.name())).toString(),
                    l.maxSessions() == 0 ? "-" : Integer.toString(l.maxSessions()),
                    l.uploadBytesPerSec() == 0 ? "-" : ByteSize.format(l.uploadBytesPerSec()) + "/s",
                    l.downloadBytesPerSec() == 0 ? "-" : ByteSize.format(l.downloadBytesPerSec()) + "/s",
                    l.quotaBytes() == 0 ? "-" : ByteSize.format(l.quotaBytes()),
                    l.quotaFiles() == 0 ? "-" : Long.toString(l.quotaFiles()),
                    l.ratioUpload() == 0 ? "-" : l.ratioUpload() + ":" + l.ratioDownload(),
                    user.groups().isEmpty() ? "-" : GroupNames.formatList(user.groups())));
        }
        printTable(out, rows);
        return 0;
    }

    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int columns = HEADER.size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
