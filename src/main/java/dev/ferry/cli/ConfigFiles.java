package dev.ferry.cli;

import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserStore;
import dev.ferry.config.DataDirectory;
import dev.ferry.config.proftpd.ConfigException;
import dev.ferry.config.proftpd.ConfigLoader;
import dev.ferry.config.proftpd.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Loads {@code --config FILE} with {@code ~user} resolved against Ferry's users, then the system's. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static LoadedConfig load(Path file, DataDirectory data, UserStore users) throws ConfigException {
        return ConfigLoader.load(file, data, name -> users.find(name)
                .map(u -> homeOf(u, data)).or(() -> systemHome(name)));
    }

    private static Path homeOf(StoredUser user, DataDirectory data) {
        return user.home().orElseGet(() -> data.defaultHome(user.name()));
    }

    /** The home of a system account, from /etc/passwd. */
    static Optional<Path> systemHome(String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/passwd"));
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(name) && f[5].startsWith("/")) {
                    return Optional.of(Path.of(f[5]));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
