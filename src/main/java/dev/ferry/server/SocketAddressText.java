package dev.ferry.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An address and port as people write them: {@code 127.0.0.1:2121}, {@code [::1]:2121}. IPv6 in
 * RFC 5952's short form (the JDK writes {@code 0:0:0:0:0:0:0:1}): the longest run of two or more
 * zero groups, the first of equal ones, becomes {@code ::}.
 */
public final class SocketAddressText {
    private SocketAddressText() {
    }

    public static String of(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        String host = host(a);
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** The address alone, IPv6 in short form. */
    public static String host(InetAddress address) {
        String text = address.getHostAddress();
        if (!(address instanceof Inet6Address)) {
            return text;
        }
        int percent = text.indexOf('%');
        String scope = percent < 0 ? "" : text.substring(percent);
        String[] groups = (percent < 0 ? text : text.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart < 0) {
            return String.join(":", groups) + scope;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail + scope;
    }
}
