package dev.ferry.config;

import java.nio.file.Path;

/**
 * The layout of the data directory: the one place that knows where the user database, default
 * home directories, the anonymous area and generated files live.
 */
public record DataDirectory(Path root) {

    /** Used when neither {@code --data-dir} nor {@code FERRY_DATA_DIR} is given. */
    public static final String DEFAULT = "ferry-data";

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public static DataDirectory of(Path explicit) {
        if (explicit != null) {
            return new DataDirectory(explicit);
        }
        String env = System.getenv("FERRY_DATA_DIR");
        return new DataDirectory(Path.of(env != null && !env.isBlank() ? env : DEFAULT));
    }

    public Path userDatabase() {
        return root.resolve("users.db");
    }

    public Path homes() {
        return root.resolve("home");
    }

    public Path defaultHome(String user) {
        return homes().resolve(user);
    }

    public Path anonymousRoot() {
        return root.resolve("anonymous");
    }

    public Path initialPasswordFile() {
        return root.resolve("initial-password");
    }
}
