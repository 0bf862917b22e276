package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import dev.ferry.config.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ferry serve}'s client-certificate switches. */
class ClientCertificateSwitchesTest {
    @TempDir
    Path temp;

    private ClientCertificates clients(String... args) {
        ServeSwitches switches = new ServeSwitches();
        new CommandLine(switches).parseArgs(args);
        return switches.build(new DataDirectory(temp.resolve("data"))).server().tls().clientCertificates();
    }

    @Test
    void offByDefault() {
        assertThat(clients()).isEqualTo(ClientCertificates.OFF);
    }

    @Test
    void requiredCertificatesLoggingInByTheirCommonName() {
        assertThat(clients("--tls-verify-client", "required", "--tls-client-ca", "/etc/ferry/clients.pem",
                "--tls-client-login", "certificate")).isEqualTo(new ClientCertificates(Verification.REQUIRED,
                Optional.of(Path.of("/etc/ferry/clients.pem")), Optional.empty(), UserField.COMMON_NAME,
                LoginMode.CERTIFICATE, false));
    }

    @Test
    void optionalCertificatesAndPasswordsNamedByEmailFromACaDirectory() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("cas"));
        assertThat(clients("--tls-verify-client", "optional", "--tls-client-ca", directory.toString(),
                "--tls-client-login", "certificate+password", "--tls-user-from", "email"))
                .isEqualTo(new ClientCertificates(Verification.OPTIONAL, Optional.empty(), Optional.of(directory),
                        UserField.EMAIL, LoginMode.CERTIFICATE_AND_PASSWORD, false));
    }

    @Test
    void inconsistentSwitchesAreRefused() {
        assertThatThrownBy(() -> clients("--tls-verify-client", "required"))
                .hasMessage("--tls-verify-client needs --tls-client-ca: the CAs that issue the client certificates");
        assertThatThrownBy(() -> clients("--tls-client-login", "certificate"))
                .hasMessage("--tls-client-login needs --tls-verify-client optional or required");
        assertThatThrownBy(() -> clients("--tls-client-ca", "/ca.pem"))
                .hasMessage("--tls-client-ca needs --tls-verify-client optional or required");
        assertThatThrownBy(() -> clients("--tls-verify-client", "sometimes", "--tls-client-ca", "/ca.pem"))
                .hasMessage("--tls-verify-client takes off, optional or required, not 'sometimes'");
        assertThatThrownBy(() -> clients("--tls-verify-client", "required", "--tls-client-ca", "/ca.pem",
                "--tls-client-login", "cert")).hasMessage("--tls-client-login takes password, certificate or "
                + "certificate+password, not 'cert'");
        assertThatThrownBy(() -> clients("--tls-verify-client", "required", "--tls-client-ca", "/ca.pem",
                "--tls-user-from", "subject")).hasMessage("--tls-user-from subject needs --tls-user-map FILE");
        assertThatThrownBy(() -> clients("--tls-verify-client", "required", "--tls-client-ca", "/ca.pem",
                "--tls-user-map", "/users-by-subject")).hasMessage("--tls-user-map needs --tls-user-from subject");
        assertThatThrownBy(() -> clients("--tls-verify-client", "required", "--tls-client-ca", "/ca.pem",
                "--tls-user-from", "subject", "--tls-user-map", "/no/such/map"))
                .hasMessage("--tls-user-map: cannot read /no/such/map");
        assertThatThrownBy(() -> clients("-Y", "0", "--tls-verify-client", "required", "--tls-client-ca", "/ca.pem"))
                .hasMessage("client certificates (--tls-verify-client ...) need TLS on; -Y 0 turns it off");
    }
}
