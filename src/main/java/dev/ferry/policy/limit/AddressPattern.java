package dev.ferry.policy.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * One pattern of {@code Allow from}, {@code Deny from} and {@code From} (ProFTPD mod_core):
 * {@code all}, {@code none}, an address, a network in CIDR form, an old-style IPv4 prefix ending
 * in a dot ({@code 10.1.1.}), a host name, a domain suffix ({@code .example.com}) or a glob
 * ({@code *.example.com}); {@code !} in front negates. Names match only when the client's
 * reverse-DNS name is known ({@code UseReverseDNS on}).
 */
public record AddressPattern(String text, boolean negated, Kind kind, byte[] network, int prefixBits) {

    public enum Kind { ALL, NONE, NETWORK, HOST, DOMAIN, GLOB }

    public static AddressPattern parse(String text) {
        String t = text.trim();
        boolean negated = t.startsWith("!");
        String body = negated ? t.substring(1).trim() : t;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty address pattern");
        }
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return new AddressPattern(t, negated, Kind.ALL, null, 0);
        }
        if (lower.equals("none")) {
            return new AddressPattern(t, negated, Kind.NONE, null, 0);
        }
        if (lower.matches("(\\d{1,3}\\.){1,3}")) { // "10.1.1." : every address starting so
            String[] parts = lower.split("\\.");
            byte[] net = new byte[4];
            for (int i = 0; i < parts.length; i++) {
                net[i] = (byte) octet(parts[i], text);
            }
            return new AddressPattern(t, negated, Kind.NETWORK, net, parts.length * 8);
        }
        int slash = lower.indexOf('/');
        String address = slash < 0 ? lower : lower.substring(0, slash);
        if (address.matches("[0-9.]+") || address.contains(":")) {
            byte[] net = literal(address, text);
            int bits = net.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(lower.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad network '" + text + "'");
                }
                if (bits < 0 || bits > net.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in '" + text + "'");
                }
            }
            return new AddressPattern(t, negated, Kind.NETWORK, net, bits);
        }
        if (!lower.matches("[a-z0-9*?.-]+")) {
            throw new IllegalArgumentException("'" + text + "' is neither an address, a network nor a host name");
        }
        Kind kind = lower.contains("*") || lower.contains("?") ? Kind.GLOB
                : lower.startsWith(".") ? Kind.DOMAIN : Kind.HOST;
        return new AddressPattern(t, negated, kind, null, 0);
    }

    private static int octet(String part, String text) {
        int v = Integer.parseInt(part);
        if (v > 255) {
            throw new IllegalArgumentException("bad address '" + text + "'");
        }
        return v;
    }

    private static byte[] literal(String address, String text) {
        if (!address.contains(":") && !address.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            throw new IllegalArgumentException("bad address '" + text + "'");
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address '" + text + "'");
        }
    }

    /** Whether the client matches, negation applied. */
    public boolean matches(InetAddress client, Optional<String> hostName) {
        return matchesPlain(client, hostName) != negated;
    }

    private boolean matchesPlain(InetAddress client, Optional<String> hostName) {
        return switch (kind) {
            case ALL -> true;
            case NONE -> false;
            case NETWORK -> inNetwork(unmapped(client));
            case HOST -> hostName.map(h -> h.equalsIgnoreCase(text.substring(negated ? 1 : 0).trim())).orElse(false);
            case DOMAIN -> hostName.map(h -> h.toLowerCase(Locale.ROOT).endsWith(body())).orElse(false);
            case GLOB -> hostName.map(h -> h.toLowerCase(Locale.ROOT).matches(globRegex(body()))).orElse(false);
        };
    }

    private String body() {
        return (negated ? text.substring(1) : text).trim().toLowerCase(Locale.ROOT);
    }

    private static String globRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (char c : glob.toCharArray()) {
            out.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                case '.' -> "\\.";
                default -> String.valueOf(c);
            });
        }
        return out.toString();
    }

    private boolean inNetwork(byte[] client) {
        if (client.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (client[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (client[full] & mask) == (network[full] & mask);
    }

    /** ::ffff:10.1.1.5 is 10.1.1.5: a dual-stack socket shows IPv4 clients that way. */
    private static byte[] unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
