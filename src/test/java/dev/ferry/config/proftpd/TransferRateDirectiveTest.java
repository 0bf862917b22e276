package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.TransferRates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's {@code TransferRate CMDS KBPS} in the server context and in {@code <Anonymous>}. */
class TransferRateDirectiveTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Files.createDirectories(dir.resolve("pub"));
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text.replace("DIR/", dir + "/"));
        return file;
    }

    private ServerConfig load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), n -> Optional.empty())
                .config().main();
    }

    @Test
    void commandsPickTheDirectionAndKilobytesAre1024Bytes() throws Exception {
        ServerConfig server = load("""
                TransferRate RETR 100
                TransferRate stor,APPE 12.5
                <Anonymous DIR/pub>
                  User ftp
                  TransferRate RETR 10
                </Anonymous>
                """);
        assertThat(server.limits().rates()).isEqualTo(new TransferRates(12_800, 102_400));
        assertThat(server.limits().anonymousRates()).isEqualTo(new TransferRates(0, 10_240));
        assertThat(load("Port 2121\n").limits().rates()).isEqualTo(TransferRates.NONE);
    }

    @Test
    void formsFerryLacksAndBadValuesAreErrors() throws Exception {
        Path file = write("""
                TransferRate RETR 100:4096
                TransferRate RETR 100 user alice
                TransferRate DELE 100
                TransferRate RETR lots
                TransferRate RETR
                <Directory DIR/pub>
                  TransferRate RETR 5
                </Directory>
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1: TransferRate with free bytes (KBPS:FREE) is not supported yet")
                .hasMessageContaining(file + ":2: TransferRate for a user, group or class is not supported yet")
                .hasMessageContaining(file + ":3: TransferRate applies to RETR, STOR, APPE and STOU, not 'DELE'")
                .hasMessageContaining(file + ":4: TransferRate takes KB/s such as 100 or 12.5, not 'lots'")
                .hasMessageContaining(file + ":5: TransferRate takes 2 arguments, got 1")
                .hasMessageContaining(file + ":7: TransferRate is not supported yet in <Directory>");
    }
}
