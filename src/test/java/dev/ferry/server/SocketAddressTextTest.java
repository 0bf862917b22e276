package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Addresses printed as RFC 5952 writes them. */
class SocketAddressTextTest {
    private static String text(String address, int port) {
        return SocketAddressText.of(new InetSocketAddress(InetAddress.ofLiteral(address), port));
    }

    @Test
    void ipv6IsShortenedAtItsLongestRunOfZeros() {
        assertThat(text("::1", 2121)).isEqualTo("[::1]:2121");
        assertThat(text("::", 21)).isEqualTo("[::]:21");
        assertThat(text("2001:db8:0:0:1:0:0:1", 21)).isEqualTo("[2001:db8::1:0:0:1]:21");
        assertThat(text("2001:db8:0:0:0:0:2:1", 21)).isEqualTo("[2001:db8::2:1]:21");
        assertThat(text("2001:db8:0:1:1:1:1:1", 21)).isEqualTo("[2001:db8:0:1:1:1:1:1]:21"); // one zero group stays
        assertThat(text("fe80:0:0:0:0:0:0:0", 21)).isEqualTo("[fe80::]:21");
        assertThat(text("127.0.0.1", 2121)).isEqualTo("127.0.0.1:2121");
    }
}
