package dev.ferry.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.config.TlsCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate as the server starts with it: made once and kept, and a bad one stops the start. */
class ServerCertificateTest {

    @Test
    void aSecondStartReusesTheSelfSignedCertificate(@TempDir Path first, @TempDir Path second) throws Exception {
        TlsCertificate shared = new TlsCertificate.SelfSigned(first.resolve("tls"));
        String fingerprint;
        try (FtpsServer server = FtpsServer.builder(first).certificate(shared).start()) {
            fingerprint = server.server().certificate().orElseThrow().fingerprint();
            try (FtpsRawClient c = FtpsRawClient.connect(server.port())) {
                FtpsRawClient.expect(c.auth("TLS"), 234);
                assertThat(c.controlTls().getSession().getPeerCertificates()[0].getEncoded())
                        .isEqualTo(server.server().certificate().orElseThrow().leaf().getEncoded());
            }
        }
        try (FtpsServer again = FtpsServer.builder(second).certificate(shared).start()) {
            assertThat(again.server().certificate().orElseThrow().fingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void anUnreadableCertificateStopsTheStartAndNamesTheFile(@TempDir Path temp) throws IOException {
        Path cert = Files.writeString(temp.resolve("cert.pem"), "not a certificate\n");
        assertThatThrownBy(() -> FtpsServer.builder(temp)
                .certificate(new TlsCertificate.PemFiles(cert, cert)).startOrFail())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(cert + ": no certificate found");
    }
}
