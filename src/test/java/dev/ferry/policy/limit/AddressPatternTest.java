package dev.ferry.policy.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressPatternTest {
    private static final Optional<String> NO_NAME = Optional.empty();

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** An IPv4-mapped IPv6 address kept as IPv6, as a dual-stack socket reports it. */
    static InetAddress mapped(String ipv4) throws Exception {
        byte[] v4 = InetAddress.ofLiteral(ipv4).getAddress();
        byte[] raw = new byte[16];
        raw[10] = (byte) 0xff;
        raw[11] = (byte) 0xff;
        System.arraycopy(v4, 0, raw, 12, 4);
        return Inet6Address.getByAddress(null, raw, -1);
    }

    private static boolean matches(String pattern, String address) {
        return AddressPattern.parse(pattern).matches(ip(address), NO_NAME);
    }

    private static boolean matchesName(String pattern, String hostName) {
        return AddressPattern.parse(pattern).matches(ip("192.0.2.1"), Optional.of(hostName));
    }

    @Test
    void allAndNone() {
        assertThat(matches("all", "10.1.1.5")).isTrue();
        assertThat(matches("ALL", "2001:db8::1")).isTrue();
        assertThat(matches("none", "10.1.1.5")).isFalse();
        assertThat(AddressPattern.parse("all").target()).isEqualTo(new AddressPattern.Everyone());
    }

    @Test
    void exactIpv4AndIpv6Addresses() {
        assertThat(matches("10.1.1.5", "10.1.1.5")).isTrue();
        assertThat(matches("10.1.1.5", "10.1.1.6")).isFalse();
        assertThat(matches("2001:db8::1", "2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(matches("2001:db8::1", "2001:db8::2")).isFalse();
        assertThat(AddressPattern.parse("10.1.1.5").target()).isEqualTo(new AddressPattern.Network(ip("10.1.1.5"), 32));
    }

    @Test
    void cidrNetworksOfBothFamilies() {
        assertThat(matches("10.0.0.0/8", "10.200.3.4")).isTrue();
        assertThat(matches("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(matches("192.168.4.0/22", "192.168.7.255")).isTrue();
        assertThat(matches("192.168.4.0/22", "192.168.8.0")).isFalse();
        assertThat(matches("2001:db8::/32", "2001:db8:ffff::1")).isTrue();
        assertThat(matches("2001:db8::/32", "2001:db9::1")).isFalse();
        assertThat(matches("0.0.0.0/0", "203.0.113.9")).isTrue();
        // host bits in the base are cleared, so 10.1.2.3/16 is the 10.1/16 network
        assertThat(AddressPattern.parse("10.1.2.3/16").target().toString()).isEqualTo("10.1.0.0/16");
        assertThat(matches("10.1.2.3/16", "10.1.250.250")).isTrue();
    }

    @Test
    void oldStyleTrailingDotPrefix() {
        assertThat(matches("10.1.1.", "10.1.1.5")).isTrue();
        assertThat(matches("10.1.1.", "10.1.1.255")).isTrue();
        assertThat(matches("10.1.1.", "10.1.2.5")).isFalse();
        assertThat(matches("10.1.1.", "110.1.1.5")).isFalse();
        assertThat(matches("10.", "10.99.0.1")).isTrue();
        assertThat(AddressPattern.parse("128.44.26.").target()).isEqualTo(new AddressPattern.Network(ip("128.44.26.0"), 24));
    }

    @Test
    void ipv4MappedClientsMatchIpv4Patterns() throws Exception {
        InetAddress client = mapped("10.1.1.5");
        assertThat(client).isInstanceOf(Inet6Address.class);
        assertThat(AddressPattern.parse("10.1.1.").matches(client, NO_NAME)).isTrue();
        assertThat(AddressPattern.parse("10.1.1.5").matches(client, NO_NAME)).isTrue();
        assertThat(AddressPattern.parse("10.0.0.0/8").matches(client, NO_NAME)).isTrue();
        assertThat(AddressPattern.parse("10.1.*.5").matches(client, NO_NAME)).isTrue();
        assertThat(AddressPattern.parse("10.1.2.").matches(client, NO_NAME)).isFalse();
        // and mapped patterns match plain IPv4 clients
        assertThat(matches("::ffff:10.1.1.5", "10.1.1.5")).isTrue();
        assertThat(matches("::ffff:10.0.0.0/104", "10.9.9.9")).isTrue();
        assertThat(AddressPattern.parse("::ffff:10.0.0.0/104").target().toString()).isEqualTo("10.0.0.0/8");
        assertThat(matches("::/0", "10.9.9.9")).isTrue();
        assertThat(matches("2001:db8::/32", "10.9.9.9")).isFalse();
    }

    @Test
    void ipv4GlobsMatchTheDottedForm() {
        assertThat(matches("10.1.*.5", "10.1.77.5")).isTrue();
        assertThat(matches("10.1.*.5", "10.1.77.6")).isFalse();
        assertThat(matches("192.168.[0-3].*", "192.168.2.40")).isTrue();
        assertThat(matches("192.168.[0-3].*", "192.168.4.40")).isFalse();
        assertThat(matches("10.1.1.?", "10.1.1.7")).isTrue();
        assertThat(matches("10.1.1.?", "10.1.1.17")).isFalse();
        assertThat(matches("10.*", "2001:db8::1")).isFalse();
    }

    @Test
    void hostNamesAreCaseInsensitive() {
        assertThat(matchesName("ftp.example.com", "FTP.Example.COM")).isTrue();
        assertThat(matchesName("ftp.example.com", "ftp.example.com.")).isTrue();
        assertThat(matchesName("ftp.example.com", "www.example.com")).isFalse();
        assertThat(matchesName("myhost", "myhost")).isTrue();
        assertThat(AddressPattern.parse("Ftp.Example.Com").target()).isEqualTo(new AddressPattern.HostName("ftp.example.com"));
    }

    @Test
    void domainSuffixCoversHostsInsideTheDomainOnly() {
        assertThat(matchesName(".example.com", "a.example.com")).isTrue();
        assertThat(matchesName(".example.com", "x.y.EXAMPLE.com")).isTrue();
        assertThat(matchesName(".example.com", "example.com")).isFalse();
        assertThat(matchesName(".example.com", "badexample.com")).isFalse();
    }

    @Test
    void hostGlobs() {
        assertThat(matchesName("*.example.com", "ftp.example.com")).isTrue();
        assertThat(matchesName("*.example.com", "a.b.example.com")).isTrue();
        assertThat(matchesName("*.example.com", "example.org")).isFalse();
        assertThat(matchesName("proxy.*.com", "proxy.corp.com")).isTrue();
        assertThat(matchesName("host?.example.com", "HOST7.example.com")).isTrue();
        assertThat(AddressPattern.parse("*.example.com").target()).isInstanceOf(AddressPattern.HostGlob.class);
    }

    @Test
    void namePatternsNeverMatchAnUnresolvedClient() {
        AddressPattern host = AddressPattern.parse("ftp.example.com");
        assertThat(host.matches(ip("192.0.2.1"), NO_NAME)).isFalse();
        assertThat(AddressPattern.parse(".example.com").matches(ip("192.0.2.1"), NO_NAME)).isFalse();
        assertThat(AddressPattern.parse("*.example.com").matches(ip("192.0.2.1"), NO_NAME)).isFalse();
        assertThat(AddressPattern.parse("!.example.com").matches(ip("192.0.2.1"), NO_NAME)).isTrue();
    }

    @Test
    void negationInvertsEveryKind() {
        assertThat(matches("!10.1.1.", "10.1.1.5")).isFalse();
        assertThat(matches("!10.1.1.", "10.1.2.5")).isTrue();
        assertThat(matches("!10.0.0.0/8", "192.0.2.1")).isTrue();
        assertThat(matchesName("!*.example.com", "ftp.example.com")).isFalse();
        AddressPattern negated = AddressPattern.parse("!2001:db8::/32");
        assertThat(negated.negated()).isTrue();
        assertThat(negated.toString()).isEqualTo("!2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void parseListHandlesFromCommasAndBlanks() {
        List<AddressPattern> list = AddressPattern.parseList("from 128.44.26. 128.44.27.,myhost.mydomain.edu , .trusted-domain.org");
        assertThat(list).extracting(AddressPattern::toString)
                .containsExactly("128.44.26.0/24", "128.44.27.0/24", "myhost.mydomain.edu", ".trusted-domain.org");
        assertThat(AddressPattern.parseList("FROM all")).containsExactly(new AddressPattern(false, new AddressPattern.Everyone()));
        assertThat(AddressPattern.parseList("10.1.1.")).hasSize(1);
    }

    @Test
    void allAndNoneMustStandAloneAndCannotBeNegated() {
        assertThatThrownBy(() -> AddressPattern.parseList("from all 10.1.1.")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must stand alone");
        assertThatThrownBy(() -> AddressPattern.parseList("10.1.1.,none")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPattern.parse("!all")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negation");
        assertThatThrownBy(() -> AddressPattern.parse("!NONE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressPattern.parseList("from")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void garbageIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> AddressPattern.parse("10.1.1.300")).hasMessageContaining("above 255");
        assertThatThrownBy(() -> AddressPattern.parse("10.1.1")).hasMessageContaining("trailing dot");
        assertThatThrownBy(() -> AddressPattern.parse("10.1.1.1.")).hasMessageContaining("one to three octets");
        assertThatThrownBy(() -> AddressPattern.parse("10.01.1.1")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> AddressPattern.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> AddressPattern.parse("2001:db8::/129")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> AddressPattern.parse("10.0.0.0/255.0.0.0")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> AddressPattern.parse("10.0.0.0/x")).hasMessageContaining("not a prefix length");
        assertThatThrownBy(() -> AddressPattern.parse("2001:db8::zz")).hasMessageContaining("not an IPv6 address");
        assertThatThrownBy(() -> AddressPattern.parse("fe80::1%eth0")).hasMessageContaining("zone");
        assertThatThrownBy(() -> AddressPattern.parse("2001:db8::*")).hasMessageContaining("IPv6 wildcards");
        assertThatThrownBy(() -> AddressPattern.parse("{a,b}.example.com")).hasMessageContaining("brace");
        assertThatThrownBy(() -> AddressPattern.parse("user@host")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> AddressPattern.parse("a..example.com")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> AddressPattern.parse("!")).hasMessageContaining("must be followed");
        assertThatThrownBy(() -> AddressPattern.parse("!!10.1.1.")).hasMessageContaining("double negation");
        assertThatThrownBy(() -> AddressPattern.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AddressPattern.parse("10.1.1.5 10.1.1.6")).hasMessageContaining("parseList");
        assertThatThrownBy(() -> AddressPattern.parse("[10.1.1.5")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> AddressPattern.parse("12345")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> AddressPattern.parse(".123.45")).hasMessageContaining("malformed address");
    }
}
