package dev.ferry.cli;

import dev.ferry.server.admin.AdminAnswer;
import dev.ferry.server.admin.AdminClient;
import dev.ferry.server.admin.AdminCommands;
import dev.ferry.server.admin.AdminSocket;
import dev.ferry.server.admin.ServerNotRunningException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ferry reload}: asks the server running with the data directory to read its
 * configuration again, as SIGHUP does, through the admin socket {@code DATA-DIR/ferry.sock}
 * ({@link AdminSocket}), and prints what the server answers. Exit 0 when the new configuration
 * is in use, 1 when the server refused it (it keeps the previous one), 2 when no server runs
 * with that data directory.
 */
@Command(name = "reload", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Make the running server re-read its configuration (as SIGHUP does). Sessions already "
                + "running keep theirs; an invalid configuration is refused and the previous one kept.")
public final class ReloadCommand implements Callable<Integer> {
    @Mixin
    private DataDirOption dataDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path socket = AdminSocket.pathIn(dataDir.resolve());
        AdminAnswer answer;
        try {
            answer = AdminClient.ask(socket, AdminCommands.RELOAD);
        } catch (ServerNotRunningException e) {
            err.println("ferry reload: no Ferry server is running with data directory " + socket.getParent()
                    + ": " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("ferry reload: " + e.getMessage());
            return 1;
        }
        return switch (answer) {
            case AdminAnswer.Done done -> {
                done.lines().forEach(out::println);
                yield 0;
            }
            case AdminAnswer.Failed failed -> {
                failed.lines().forEach(err::println);
                err.println("ferry reload: the new configuration was refused; the server keeps running with "
                        + "the previous one");
                yield 1;
            }
        };
    }
}
