package dev.ferry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** OpenSSL cipher lists (ciphers(1ssl)) as JSSE suite names. */
class CipherSuiteListTest {

    private static List<String> enabled() throws Exception {
        return List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
    }

    @Test
    void theClassicListKeepsTheJdkDefaultsWhichHaveNothingWeak() throws Exception {
        assertThat(CipherSuiteList.parse("HIGH:!aNULL:!MD5")).containsExactlyInAnyOrderElementsOf(enabled());
        assertThat(CipherSuiteList.parse("ALL:!ADH:!EXPORT:!SSLv2:RC4+RSA:+HIGH:+MEDIUM:+LOW"))
                .containsExactlyInAnyOrderElementsOf(enabled());
    }

    @Test
    void namesAndSelectorsPickSuitesAndTls13StaysUnlessNamed() throws Exception {
        List<String> tls13 = enabled().stream().filter(CipherSuiteList::isTls13).toList();
        assertThat(CipherSuiteList.parse("ECDHE-ECDSA-AES256-GCM-SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo(concat(tls13, List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
        assertThat(CipherSuiteList.parse("ECDHE+AESGCM")).isNotEmpty()
                .allMatch(s -> CipherSuiteList.isTls13(s) || s.startsWith("TLS_ECDHE_") && s.contains("_GCM_"));
        assertThat(CipherSuiteList.parse("HIGH:!kRSA:!SHA1:-CHACHA20")).isNotEmpty()
                .noneMatch(s -> s.startsWith("TLS_RSA_") || s.endsWith("_SHA") || s.contains("_CHACHA20_")
                        && !CipherSuiteList.isTls13(s));
        assertThat(CipherSuiteList.parse("TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256"))
                .containsExactly("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherSuiteList.parse("AESGCM:+AES128")).last().asString().contains("_AES_128_");
    }

    @Test
    void whatCannotBeMappedOrSelectsNothingIsAnError() {
        assertThatThrownBy(() -> CipherSuiteList.parse("RC4-SHA")).hasMessageStartingWith("'RC4-SHA' is not a cipher "
                + "name or alias Ferry can map");
        assertThatThrownBy(() -> CipherSuiteList.parse("aNULL:eNULL"))
                .hasMessage("'aNULL:eNULL' selects no TLS 1.2 cipher suite");
        assertThatThrownBy(() -> CipherSuiteList.parse("TLS_NO_SUCH_SUITE"))
                .hasMessage("TLS_NO_SUCH_SUITE is not a cipher suite this Java runtime supports");
        assertThatThrownBy(() -> CipherSuiteList.parse(" ")).hasMessage("empty cipher list");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
