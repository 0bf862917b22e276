package dev.ferry.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.PasswordHasher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored-password forms of foreign account sources, against hashes made by other tools. */
class PasswordFormatTest {
    private static final char[] RIGHT = "s3cret pässword".toCharArray();
    // differs within the first 8 characters, all that traditional DES crypt reads
    private static final char[] WRONG = "S3cret pässword".toCharArray();

    /** Made with Python's crypt module on Debian 12 (libxcrypt), i.e. what /etc/shadow holds. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$y$j9T$abcdefghijklmnopqrstu.$mokLzWIDGa0p9Rcj3O1xPmFc9mTd2228VcAQDqLRfr2",
            "$6$saltsalt$eYTdePZTzOVOYWJofVF25Qosxo7LsHBaInZ7JfY3siAJj/MCvHWxkoEdVLIfDRx7CNZod2axjay111gRmOCxx.",
            "$5$saltsalt$VcUVqBAQqYx.8RP2LAVsJOEc/EA0jeYo/KEpn93z4wB",
            "$1$saltsalt$ZHrQuYVzpm8xScW2nLOpx1",
            "$2b$05$abcdefghijklmnopqrstuuakWOE.k8W3KIQRdMS7TYTuHNi72.Z3K",
            "$7$CU..../....abcdefghijklmnop$Rr6yt8cOGn9A4UkeDJaxQr.7gYd9m3ZqQYmKTxXyum6",
            "abTk71qDTQKMY"})
    void cryptChecksEverySchemeOfTheSystemsCrypt(String hash) {
        assertThat(SystemCrypt.available()).isTrue();
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, hash)).isTrue();
        assertThat(PasswordFormat.CRYPT.matches(WRONG, hash)).isFalse();
    }

    @Test
    void cryptTakesArgon2AsPureFtpdWritesIt() {
        String argon2 = PasswordHasher.hash(RIGHT);
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, argon2)).isTrue();
        assertThat(PasswordFormat.CRYPT.matches(WRONG, argon2)).isFalse();
    }

    @Test
    void malformedOrDisabledCryptSettingsNeverMatch() {
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, "*")).isFalse();
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, "!")).isFalse();
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, "!$6$saltsalt$eYTdePZTzOVOYWJofVF25Qosxo7LsHBaInZ7JfY3siAJj"))
                .isFalse();
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, "$6$")).isFalse();
        assertThat(PasswordFormat.CRYPT.matches(RIGHT, "")).isFalse();
        assertThat(PasswordFormat.CRYPT.matches("a\0b".toCharArray(), "abTk71qDTQKMY")).isFalse();
    }

    @Test
    void digestsInHexOfEitherCaseOrBase64() {
        assertThat(PasswordFormat.MD5.matches(RIGHT, "a71e49a97820329296832b2440cdd04b")).isTrue();
        assertThat(PasswordFormat.MD5.matches(WRONG, "a71e49a97820329296832b2440cdd04b")).isFalse();
        assertThat(PasswordFormat.SHA1.matches(RIGHT, "4a7WJhB7BtxFrkkm1H43wyaGvNY=")).isTrue();
        assertThat(PasswordFormat.SHA256.matches(RIGHT,
                "E3B16016CC4B861951B6B4A6E8C626A741F75F587F2773FC4847A4CE20C9C837")).isTrue();
        assertThat(PasswordFormat.SHA512.matches(RIGHT, "a891045b360224076d292af676a47b3d9b7b980869e0d83254db1fa7b13228"
                + "32d66d51b8cb6e72be46f86603d7882550ef057fa0eb5f351e462ec90be0063aa8")).isTrue();
        // The digest of another algorithm is not accepted in this one's place.
        assertThat(PasswordFormat.SHA256.matches(RIGHT, "a71e49a97820329296832b2440cdd04b")).isFalse();
    }

    @Test
    void rfc2307SchemesSaltedAndNot() {
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{SSHA}QlV25zcD+ZLEqdnU5fr6EPOsM7sBAgME")).isTrue();
        assertThat(PasswordFormat.RFC2307.matches(WRONG, "{SSHA}QlV25zcD+ZLEqdnU5fr6EPOsM7sBAgME")).isFalse();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{SHA}4a7WJhB7BtxFrkkm1H43wyaGvNY=")).isTrue();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{md5}px5JqXggMpKWgyskQM3QSw==")).isTrue();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{SSHA512}kIrdzlMCj80yNnxsuMo4ya47TkeJkwJOleUHvfq0F0n9MyvdeCVwj"
                + "rYdFDd9/jjjZGO51lFun9OjagzS4Va1FAECAwQ=")).isTrue();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{CRYPT}$1$saltsalt$ZHrQuYVzpm8xScW2nLOpx1")).isTrue();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "{CLEARTEXT}s3cret pässword")).isFalse();
        assertThat(PasswordFormat.RFC2307.matches(RIGHT, "s3cret pässword")).isFalse();
    }

    @Test
    void anyHashNeverTakesTheStoredValueAsThePassword() {
        String hash = "$1$saltsalt$ZHrQuYVzpm8xScW2nLOpx1";
        assertThat(PasswordFormat.matchesAny(PasswordFormat.ANY_HASH, RIGHT, hash)).isTrue();
        assertThat(PasswordFormat.matchesAny(PasswordFormat.ANY_HASH, hash.toCharArray(), hash)).isFalse();
        assertThat(PasswordFormat.matchesAny(List.of(PasswordFormat.PLAINTEXT), "plain".toCharArray(), "plain"))
                .isTrue();
        assertThat(PasswordFormat.matchesAny(List.of(PasswordFormat.PLAINTEXT), "plain".toCharArray(), "")).isFalse();
    }
}
