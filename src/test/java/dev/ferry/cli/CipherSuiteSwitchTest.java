package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.DataDirectory;
import dev.ferry.config.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Pure-FTPd's {@code -J}/{@code --tlsciphersuite} and pure-ftpd.conf's TLSCipherSuite. */
class CipherSuiteSwitchTest {
    @TempDir
    Path temp;

    private TlsConfig tls(String... args) {
        ServeSwitches switches = new ServeSwitches();
        new CommandLine(switches).parseArgs(args);
        return switches.build(new DataDirectory(temp.resolve("data"))).server().tls();
    }

    @Test
    void anOpenSslListBecomesTheOfferedSuites() {
        assertThat(tls().cipherSuites()).isEmpty();
        assertThat(tls("-J", "ECDHE-RSA-AES128-GCM-SHA256:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").cipherSuites())
                .endsWith("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")
                .contains("TLS_AES_128_GCM_SHA256");
        assertThat(tls("--tlsciphersuite", "HIGH:!aNULL:!MD5").cipherSuites()).isNotEmpty();
    }

    @Test
    void whatCannotBeMappedIsRefused() {
        assertThatThrownBy(() -> tls("-J", "HIGH:BOGUS")).hasMessageStartingWith(
                "-J (--tlsciphersuite): 'BOGUS' is not a cipher name or alias Ferry can map");
        // Pure-FTPd's "-J -C:..." (client certificates): the command line parser takes -C: for an option
        assertThatThrownBy(() -> tls("-J", "-C:HIGH")).hasMessageContaining("-C:HIGH");
    }

    @Test
    void theConfKeyStandsForTheSwitch() throws Exception {
        PureFtpdConf conf = PureFtpdConf.parse(Path.of("/etc/pure-ftpd.conf"), List.of("TLSCipherSuite HIGH:!aNULL"));
        assertThat(conf.settings()).singleElement().satisfies(s ->
                assertThat(s.arguments()).containsExactly("--tlsciphersuite", "HIGH:!aNULL"));
    }
}
