package dev.ferry.cli;

import java.net.InetSocketAddress;

/**
 * Parses Pure-FTPd's {@code -S} syntax: {@code HOST,PORT}, {@code ,PORT} (all interfaces),
 * {@code HOST,} or {@code HOST} (default port), or just {@code PORT}. IPv6 hosts may be written
 * with or without brackets.
 */
final class BindAddress {
    private BindAddress() {
    }

    static InetSocketAddress parse(String text, int defaultPort) {
        String t = text.strip();
        String host;
        String port;
        int comma = t.lastIndexOf(',');
        if (comma >= 0) {
            host = t.substring(0, comma).strip();
            port = t.substring(comma + 1).strip();
        } else if (t.matches("\\d+")) {
            host = "";
            port = t;
        } else {
            host = t;
            port = "";
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int p;
        try {
            p = port.isEmpty() ? defaultPort : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in '" + text + "'");
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range in '" + text + "'");
        }
        InetSocketAddress address = host.isEmpty() || host.equals("*") ? new InetSocketAddress(p)
                : new InetSocketAddress(host, p);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
        return address;
    }
}
