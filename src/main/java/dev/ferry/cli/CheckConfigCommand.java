package dev.ferry.cli;

import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.UserStore;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.DirectoryConfig;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.file.ConfigError;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.LoadedConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry check-config FILE} (as {@code proftpd -t}): loads the file as {@code ferry serve
 * --config} would and prints the resolved servers, or every error with its file:line. Exit 0 when
 * the file is good, 1 when it is not.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true, versionProvider = FerryVersion.class,
        description = "Check a configuration file and print what it configures.")
public final class CheckConfigCommand implements Callable<Integer> {
    @Mixin
    private DataDirOption dataDir;

    @Parameters(paramLabel = "FILE", description = "The configuration file (ProFTPD syntax).")
    private Path file;

    @Override
    public Integer call() {
        DataDirectory data = dataDir.resolve();
        LoadedConfig loaded;
        try (UserStore users = SqliteUserStore.open(data.userDatabase())) {
            loaded = ConfigFiles.load(file, data, users);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error);
            }
            System.err.println(file + ": " + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s"));
            return 1;
        }
        for (ConfigError notice : loaded.notices()) {
            System.out.println("note: " + notice);
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (ServerConfig s : loaded.config().servers()) {
            out.append(first ? "server" : "virtual host").append(" \"").append(s.serverName()).append("\"\n");
            first = false;
            if (s.binds().isEmpty()) {
                out.append("  listens nowhere (Port 0)\n");
            }
            for (InetSocketAddress a : s.binds()) {
                out.append("  listen ").append(a.getAddress().getHostAddress()).append(" port ").append(a.getPort())
                        .append('\n');
            }
            if (!s.hostNames().isEmpty()) {
                out.append("  HOST names ").append(String.join(", ", s.hostNames())).append('\n');
            }
            out.append("  passive ").append(s.passive()).append('\n');
            out.append("  limits ").append(s.limits()).append('\n');
            out.append("  timeouts ").append(s.timeouts()).append('\n');
            out.append("  logins ").append(s.logins()).append('\n');
            out.append("  files ").append(s.files()).append('\n');
            out.append("  <Limit> blocks ").append(s.access().limits().sections().size()).append('\n');
            for (DirectoryConfig d : s.access().directories()) {
                out.append("  <Directory ").append(d.pattern()).append("> with ")
                        .append(d.limits().sections().size()).append(" <Limit> blocks\n");
            }
            for (AnonymousConfig a : s.anonymous()) {
                out.append("  <Anonymous ").append(a.root()).append("> user ").append(a.account())
                        .append(a.aliases().isEmpty() ? "" : ", aliases " + String.join(", ", a.aliases()))
                        .append(", ").append(a.access().limits().sections().size()).append(" <Limit> blocks, ")
                        .append(a.access().directories().size()).append(" <Directory> blocks\n");
            }
        }
        FerryConfig all = loaded.config();
        if (all.maxInstances() > 0) {
            out.append("connections at once, every server together (MaxInstances): ").append(all.maxInstances())
                    .append('\n');
        }
        all.systemLog().ifPresent(log -> out.append("event log (SystemLog): ").append(log).append('\n'));
        System.out.print(out);
        System.out.println(file + ": OK");
        return 0;
    }
}
