package dev.ferry.cli;

import dev.ferry.config.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every subcommand shares (a picocli mixin). */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the user database, generated files and default FTP roots live "
                    + "(default: $FERRY_DATA_DIR or ./" + DataDirectory.DEFAULT + ").")
    private Path dataDir;

    public DataDirectory resolve() {
        return DataDirectory.of(dataDir);
    }
}
