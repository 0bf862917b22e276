package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.log.syslog.SyslogFacility;
import dev.ferry.log.syslog.SyslogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's {@code SyslogFacility}: one setting for the process, from the server context or {@code <Global>}. */
class SyslogFacilityDirectiveTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, "Port 2121\n" + text);
        return file;
    }

    private Optional<SyslogTarget> load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), n -> Optional.empty()).config()
                .syslog();
    }

    @Test
    void theServerContextOrGlobalSetsIt() throws Exception {
        assertThat(load("SyslogFacility ftp\n")).contains(new SyslogTarget(SyslogFacility.FTP, Path.of("/dev/log")));
        assertThat(load("<Global>\nSyslogFacility LOCAL4\n</Global>\n<VirtualHost 127.0.0.2>\nPort 2122\n"
                + "</VirtualHost>\n")).map(SyslogTarget::facility).contains(SyslogFacility.LOCAL4);
        assertThat(load("ServerName x\n")).isEmpty();
    }

    @Test
    void aVirtualHostOfItsOwnAnUnknownFacilityAndSyslogLevelAreErrors() throws Exception {
        Path file = write("""
                SyslogFacility daemon
                SyslogLevel warn
                <VirtualHost 127.0.0.2>
                  Port 2122
                  SyslogFacility local1
                </VirtualHost>
                <VirtualHost 127.0.0.3>
                  Port 2123
                  SyslogFacility bogus
                </VirtualHost>
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3: SyslogLevel is not supported yet")
                .hasMessageContaining(file + ":6: SyslogFacility is one setting for the whole process")
                .hasMessageContaining(file + ":10: unknown syslog facility 'bogus'");
    }
}
