package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    // Vectors from the Argon2 reference implementation's tests (password "password", salt "somesalt").
    private static final String REF_ARGON2ID =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    private static final String REF_ARGON2ID_SMALL =
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";
    private static final String REF_ARGON2I =
            "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E";
    private static final String REF_ARGON2I_V10 =
            "$argon2i$m=256,t=2,p=2$c29tZXNhbHQ$tsEVYKap1h6scGt5ovl9aLRGOqOth+AMB+KwHpDFZPs";

    @Test
    void roundTrip() {
        String hash = PasswordHasher.hash("s3cret!".toCharArray());
        assertThat(PasswordHasher.verify("s3cret!".toCharArray(), hash)).isTrue();
    }

    @Test
    void wrongPasswordIsRejected() {
        String hash = PasswordHasher.hash("s3cret!".toCharArray());
        assertThat(PasswordHasher.verify("s3cret?".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.verify(new char[0], hash)).isFalse();
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        char[] password = "pässwörd-€-\uD83D\uDE00".toCharArray();
        String hash = PasswordHasher.hash(password);
        assertThat(PasswordHasher.verify(password, hash)).isTrue();
        assertThat(PasswordHasher.verify("passwörd-€-\uD83D\uDE00".toCharArray(), hash)).isFalse();
    }

    @Test
    void producesStandardPhcString() {
        String hash = PasswordHasher.hash("x".toCharArray());
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
        String[] parts = hash.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
        assertThat(hash).doesNotContain("=" + "$").doesNotEndWith("=");
    }

    @Test
    void saltsAreRandom() {
        assertThat(PasswordHasher.hash("x".toCharArray())).isNotEqualTo(PasswordHasher.hash("x".toCharArray()));
    }

    @Test
    void verifiesReferenceVectorsWithTheirOwnParameters() {
        for (String encoded : new String[] {REF_ARGON2ID, REF_ARGON2ID_SMALL, REF_ARGON2I, REF_ARGON2I_V10}) {
            assertThat(PasswordHasher.verify("password".toCharArray(), encoded)).as(encoded).isTrue();
            assertThat(PasswordHasher.verify("passwore".toCharArray(), encoded)).as(encoded).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2a", "2b", "2y"})
    void verifiesBcrypt(String version) {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String hash = OpenBSDBCrypt.generate(version, "hunter2".toCharArray(), salt, 4);
        assertThat(hash).startsWith("$" + version + "$04$");
        assertThat(PasswordHasher.verify("hunter2".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("hunter3".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.needsRehash(hash)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "password",
            "$",
            "$argon2id$",
            "$argon2d$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=18$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=256,t=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$t=2,m=256,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=-256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=256,t=0,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=8,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=99999999999,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=4194304,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=256,t=2,p=2$c29t!XNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ=$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$",
            "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc$extra",
            "$argon2id$v=19$m=256,t=2,p=2$$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "$2b$",
            "$2b$04$short",
            "$2b$99$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2x$04$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "$2b$04$abcdefghijklmnopqrst!u5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
            "$1$salt$hash"})
    void malformedOrUnknownEncodingsAreFalseNotExceptions(String encoded) {
        assertThat(PasswordHasher.verify("password".toCharArray(), encoded)).isFalse();
        assertThat(PasswordHasher.needsRehash(encoded)).isTrue();
    }

    @Test
    void nullsAreFalse() {
        assertThat(PasswordHasher.verify(null, REF_ARGON2I)).isFalse();
        assertThat(PasswordHasher.verify("password".toCharArray(), null)).isFalse();
    }

    @Test
    void needsRehashForWeakerParametersOnly() {
        assertThat(PasswordHasher.needsRehash(PasswordHasher.hash("x".toCharArray()))).isFalse();
        assertThat(PasswordHasher.needsRehash(REF_ARGON2ID)).isTrue();         // more memory, but an 8-byte salt
        assertThat(PasswordHasher.needsRehash(REF_ARGON2ID_SMALL)).isTrue();   // 256 KiB
        assertThat(PasswordHasher.needsRehash(REF_ARGON2I)).isTrue();          // argon2i
    }

    @Test
    void burnEquivalentTimeDoesNotThrow() {
        PasswordHasher.burnEquivalentTime("anything".toCharArray());
        PasswordHasher.burnEquivalentTime(new char[0]);
        PasswordHasher.burnEquivalentTime(null);
    }
}
