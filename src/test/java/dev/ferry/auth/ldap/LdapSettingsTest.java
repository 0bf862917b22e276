package dev.ferry.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.password.PasswordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What LdapSettings and its parts accept, and what they refuse before anything is sent to a directory. */
class LdapSettingsTest {

    private static TestDirectory.Settings settings() {
        return new TestDirectory.Settings(List.of(LdapSettings.Server.parse("ldap://ldap.example.org")));
    }

    @Test
    void serverUrisWithTheirDefaultPorts() {
        assertThat(LdapSettings.Server.parse("ldap://ldap.example.org"))
                .isEqualTo(new LdapSettings.Server(false, "ldap.example.org", 389));
        assertThat(LdapSettings.Server.parse("LDAPS://ldap.example.org/"))
                .isEqualTo(new LdapSettings.Server(true, "ldap.example.org", 636));
        assertThat(LdapSettings.Server.parse("ldap://10.0.0.1:1389"))
                .isEqualTo(new LdapSettings.Server(false, "10.0.0.1", 1389));
        assertThat(LdapSettings.Server.parse("ldaps://[2001:db8::1]:10636"))
                .isEqualTo(new LdapSettings.Server(true, "2001:db8::1", 10636));
        assertThat(LdapSettings.Server.parse("ldaps://[2001:db8::1]").toString()).isEqualTo("ldaps://[2001:db8::1]:636");
        for (String bad : List.of("ldapi:///var/run/ldapi", "http://h", "ldap://", "ldap://h:0", "ldap://h:70000",
                "ldap://h:x", "ldap://[::1", "ldap://h/dc=x", "ldap://a b", "ldap://h:389:389")) {
            assertThatThrownBy(() -> LdapSettings.Server.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBindDnWithoutAPasswordIsRefused() {
        assertThatThrownBy(() -> new LdapSettings.Credentials("cn=ftp,dc=x", "")).hasMessageContaining("RFC 4513");
        assertThatThrownBy(() -> new LdapSettings.Credentials("cn=ftp,dc=x", null)).hasMessageContaining("RFC 4513");
        assertThatThrownBy(() -> new LdapSettings.Credentials("", "secret")).hasMessageContaining("anonymous");
        assertThatThrownBy(() -> new LdapSettings.Credentials("not a dn", "secret")).hasMessageContaining("valid DN");
        assertThat(new LdapSettings.Credentials("cn=ftp,dc=x", "s3cret").toString()).doesNotContain("s3cret")
                .contains("cn=ftp,dc=x");
    }

    @Test
    void filtersMustNameTheLoginAndParse() {
        assertThatThrownBy(() -> new FilterTemplate("(uid=alice)")).hasMessageContaining("no %u");
        assertThatThrownBy(() -> new FilterTemplate("(uid=%u")).hasMessageContaining("invalid LDAP filter");
        assertThat(new FilterTemplate("(uid=%v)").fill("bob", "").toString()).isEqualTo("(uid=bob)");
        assertThat(new FilterTemplate("(&(member=%d)(x=%u))").fill("b*b", "uid=b,dc=x").toString())
                .isEqualTo("(&(member=uid=b,dc=x)(x=b\\2ab))");
        // a %u in what is put in is not read as a placeholder again
        assertThat(new FilterTemplate("(&(member=%d)(x=%u))").fill("bob", "cn=%u").toString())
                .isEqualTo("(&(member=cn=%u)(x=bob))");
        TestDirectory.Settings s = settings();
        s.filter = "(&(uid=%u)(entryDN=%d))";
        assertThatThrownBy(s::build).hasMessageContaining("cannot use %d");
    }

    @Test
    void theRestIsCheckedToo() {
        assertThat(settings().build().servers()).hasSize(1);
        TestDirectory.Settings none = new TestDirectory.Settings(List.of());
        assertThatThrownBy(none::build).hasMessageContaining("at least one server");
        TestDirectory.Settings base = settings();
        base.base = "people";
        assertThatThrownBy(base::build).hasMessageContaining("not a valid DN");
        TestDirectory.Settings unschemed = settings();
        unschemed.unschemed = PasswordFormat.MD5;
        assertThatThrownBy(unschemed::build).hasMessageContaining("crypt or as plain text");
        TestDirectory.Settings timeout = settings();
        timeout.timeout = Duration.ZERO;
        assertThatThrownBy(timeout::build).hasMessageContaining("timeout");
        timeout.timeout = Duration.ofMinutes(6);
        assertThatThrownBy(timeout::build).hasMessageContaining("timeout");
        TestDirectory.Settings ca = settings();
        ca.caFile = Optional.of(Path.of("ca.pem"));
        assertThatThrownBy(ca::build).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new LdapSettings.GeneratedHome(Path.of("home"), true, false))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> LdapSettings.Attributes.RFC2307.withUid("bad name"))
                .hasMessageContaining("attribute name");
        assertThat(LdapSettings.isAttributeName("homeDirectory;lang-en")).isTrue();
        assertThat(LdapSettings.isAttributeName("0.9.2342.19200300.100.1.1")).isTrue();
        assertThat(LdapSettings.isAttributeName("1uid")).isFalse();
    }

    @Test
    void tlsCoversEveryLdapsServerAndEveryServerWithStartTls() {
        LdapSettings plain = settings().build();
        LdapSettings.Server ldaps = new LdapSettings.Server(true, "h", 636);
        LdapSettings.Server ldap = new LdapSettings.Server(false, "h", 389);
        assertThat(plain.encrypts(ldaps)).isTrue();
        assertThat(plain.encrypts(ldap)).isFalse();
        TestDirectory.Settings s = settings();
        s.startTls = true;
        assertThat(s.build().encrypts(ldap)).isTrue();
    }
}
