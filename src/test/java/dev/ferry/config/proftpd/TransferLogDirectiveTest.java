package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.FerryConfig;
import dev.ferry.log.transfer.TransferLogFormat;
import dev.ferry.log.transfer.TransferLogSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's {@code TransferLog}: an xferlog per server, {@code NONE} for none, nothing by default. */
class TransferLogDirectiveTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text);
        return file;
    }

    private FerryConfig load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), n -> Optional.empty()).config();
    }

    @Test
    void eachServerHasItsOwnTransferLog() throws Exception {
        FerryConfig config = load("""
                Port 2121
                TransferLog /var/log/proftpd/xferlog
                <VirtualHost 127.0.0.2>
                  Port 2121
                  TransferLog /var/log/proftpd/vhost.xferlog
                </VirtualHost>
                <VirtualHost 127.0.0.3>
                  Port 2121
                </VirtualHost>
                <VirtualHost 127.0.0.4>
                  Port 2121
                  TransferLog none
                </VirtualHost>
                """);
        assertThat(config.servers()).extracting(s -> s.transferLogs()).containsExactly(
                List.of(new TransferLogSpec(TransferLogFormat.XFERLOG, Path.of("/var/log/proftpd/xferlog"))),
                List.of(new TransferLogSpec(TransferLogFormat.XFERLOG, Path.of("/var/log/proftpd/vhost.xferlog"))),
                List.of(), List.of());
        assertThat(config.transferLogs()).hasSize(2);
    }

    @Test
    void badPlacesAndPathsAreErrors() throws Exception {
        Files.createDirectories(dir.resolve("pub"));
        Path file = write("""
                TransferLog logs/xferlog
                ExtendedLog /var/log/ext.log
                <Anonymous DIR/pub>
                  TransferLog /var/log/anon.xferlog
                </Anonymous>
                """.replace("DIR/", dir + "/"));
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1: TransferLog needs an absolute path, not 'logs/xferlog'")
                .hasMessageContaining(file + ":2: ExtendedLog is not supported yet")
                .hasMessageContaining(file + ":4: TransferLog is not allowed in <Anonymous>");
    }
}
