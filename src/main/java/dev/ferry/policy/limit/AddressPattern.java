package dev.ferry.policy.limit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of ProFTPD's {@code Allow from}, {@code Deny from} (mod_core) and {@code From}
 * ({@code <Class>}): who a rule is about, by address or by name.
 *
 * <p>Accepted forms, each optionally prefixed with {@code !} to negate it (except {@code all} and
 * {@code none}, where ProFTPD refuses the negation):
 *
 * <ul>
 *   <li>{@code all}, {@code none}: every client, no client;
 *   <li>an IPv4 or IPv6 address ({@code 10.1.1.5}, {@code 2001:db8::1});
 *   <li>a CIDR network ({@code 10.0.0.0/8}, {@code 2001:db8::/32});
 *   <li>an old-style IPv4 network with a trailing dot ({@code 10.1.1.} is 10.1.1.0/24,
 *       {@code 10.} is 10.0.0.0/8), as mod_core's {@code Allow} documents;
 *   <li>an IPv4 glob ({@code 10.1.*.5}, {@code 192.168.[0-3].*}), matched against the dotted
 *       form of the address;
 *   <li>a host name ({@code ftp.example.com}), a domain ({@code .example.com}: any host inside it,
 *       not the domain name itself) or a host glob ({@code *.example.com}), all matched
 *       case-insensitively against the client's reverse-DNS name.
 * </ul>
 *
 * <p>IPv4 clients that reach an IPv6 socket appear as IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.1.5}); they match IPv4 patterns as the IPv4 address they carry, and IPv4
 * clients match IPv6 networks that cover the mapped range ({@code ::/0}, {@code ::ffff:0:0/96}).
 *
 * <p>Name patterns need the name: when the server did not resolve the client
 * ({@code hostName} empty) a name pattern does not match it, so {@code !.example.com} does. Brace
 * alternatives ({@code {a,b}}), IPv6 globs, zone ids and netmask spellings
 * ({@code 10.0.0.0/255.0.0.0}) are refused with a message rather than guessed at.
 */
public record AddressPattern(boolean negated, Target target) {

    private static final Pattern DOTTED_DIGITS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4_GLOB = Pattern.compile("[0-9.*?\\[\\]!^\\-]+");
    private static final Pattern HOST_CHARS = Pattern.compile("[A-Za-z0-9_\\-.]+");
    private static final Pattern HOST_GLOB_CHARS = Pattern.compile("[A-Za-z0-9_\\-.*?\\[\\]!^]+");

    public AddressPattern {
        Objects.requireNonNull(target, "target");
        if (negated && (target instanceof Everyone || target instanceof Nobody)) {
            throw new IllegalArgumentException("'!" + target + "': the ! negation cannot be used with all/none");
        }
    }

    /** What a pattern is about; {@link #matches} ignores the pattern's negation. */
    public sealed interface Target permits Everyone, Nobody, Network, HostName, DomainSuffix, HostGlob, AddressGlob {
        boolean matches(InetAddress address, Optional<String> hostName);
    }

    /** {@code all}. */
    public record Everyone() implements Target {
        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            return true;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** {@code none}: names nobody (it does not stop an implicit allow). */
    public record Nobody() implements Target {
        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            return false;
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /**
     * An address ({@code prefixLength} 32 or 128) or a network. The base is stored with its host
     * bits cleared; an IPv4-mapped IPv6 network of /96 or longer is stored as the IPv4 network.
     */
    public record Network(InetAddress base, int prefixLength) implements Target {
        public Network {
            Objects.requireNonNull(base, "base");
            int bits = base.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length /" + prefixLength + " is out of range 0-" + bits
                        + " for " + base.getHostAddress());
            }
            byte[] raw = base.getAddress();
            if (raw.length == 16 && isMapped(raw) && prefixLength >= 96) {
                raw = Arrays.copyOfRange(raw, 12, 16);
                prefixLength -= 96;
            }
            base = addressOf(mask(raw, prefixLength));
        }

        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            byte[] client = base instanceof Inet4Address ? ipv4Of(address) : ipv6Of(address);
            if (client == null) {
                return false;
            }
            byte[] network = base.getAddress();
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (client[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int maskBits = (0xff << (8 - rest)) & 0xff;
            return (client[full] & maskBits) == (network[full] & maskBits);
        }

        @Override
        public String toString() {
            int bits = base.getAddress().length * 8;
            return prefixLength == bits ? base.getHostAddress() : base.getHostAddress() + "/" + prefixLength;
        }
    }

    /** One host by its reverse-DNS name; stored in lower case without a trailing dot. */
    public record HostName(String name) implements Target {
        public HostName {
            name = canonicalHost(Objects.requireNonNull(name, "name"));
            checkHostName(name, name);
        }

        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            return hostName.map(AddressPattern::canonicalHost).filter(name::equals).isPresent();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every host inside a domain ({@code .example.com}); stored with its leading dot. */
    public record DomainSuffix(String suffix) implements Target {
        public DomainSuffix {
            suffix = canonicalHost(Objects.requireNonNull(suffix, "suffix"));
            if (!suffix.startsWith(".") || suffix.length() < 2) {
                throw new IllegalArgumentException("'" + suffix + "': a domain pattern is a dot followed by a domain name");
            }
            checkHostName(suffix.substring(1), suffix);
        }

        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            return hostName.map(AddressPattern::canonicalHost).filter(h -> h.endsWith(suffix)).isPresent();
        }

        @Override
        public String toString() {
            return suffix;
        }
    }

    /** A wildcard over the reverse-DNS name ({@code *.example.com}); {@code *} may span dots. */
    public record HostGlob(String glob) implements Target {
        public HostGlob {
            glob = canonicalHost(Objects.requireNonNull(glob, "glob"));
            if (!HOST_GLOB_CHARS.matcher(glob).matches()) {
                throw new IllegalArgumentException("'" + glob + "' is not a host name pattern");
            }
            Glob.validate(glob);
        }

        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            return hostName.map(AddressPattern::canonicalHost).filter(h -> Glob.matches(glob, h, true)).isPresent();
        }

        @Override
        public String toString() {
            return glob;
        }
    }

    /** A wildcard over the dotted IPv4 form of the address ({@code 10.1.*.5}). */
    public record AddressGlob(String glob) implements Target {
        public AddressGlob {
            Objects.requireNonNull(glob, "glob");
            if (!IPV4_GLOB.matcher(glob).matches()) {
                throw new IllegalArgumentException("'" + glob + "' is not an IPv4 address pattern");
            }
            Glob.validate(glob);
        }

        @Override
        public boolean matches(InetAddress address, Optional<String> hostName) {
            byte[] v4 = ipv4Of(address);
            if (v4 == null) {
                return false;
            }
            String dotted = (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
            return Glob.matches(glob, dotted, false);
        }

        @Override
        public String toString() {
            return glob;
        }
    }

    /** Whether this entry holds for the client, negation applied. */
    public boolean matches(InetAddress address, Optional<String> hostName) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(hostName, "hostName");
        return target.matches(address, hostName) != negated;
    }

    /** Parses one entry; see the type's documentation for the forms. */
    public static AddressPattern parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty address pattern");
        }
        if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
            throw new IllegalArgumentException("'" + s + "': brace alternatives are not supported; list the alternatives separately");
        }
        if (s.chars().anyMatch(c -> c == ',' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("'" + s + "' holds several patterns; parse it with parseList");
        }
        boolean negated = s.startsWith("!");
        String body = negated ? s.substring(1) : s;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("'" + s + "': '!' must be followed by an address or name");
        }
        if (body.startsWith("!")) {
            throw new IllegalArgumentException("'" + s + "': double negation is not allowed");
        }
        return new AddressPattern(negated, targetOf(body));
    }

    /**
     * Parses the arguments of one {@code Allow}/{@code Deny}/{@code From} line: an optional
     * {@code from} keyword, then entries separated by commas and/or blanks. {@code all} and
     * {@code none} must stand alone, as ProFTPD requires.
     */
    public static List<AddressPattern> parseList(String text) {
        Objects.requireNonNull(text, "text");
        List<String> tokens = new ArrayList<>();
        for (String token : text.strip().split("[,\\s]+")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        if (!tokens.isEmpty() && tokens.get(0).equalsIgnoreCase("from")) {
            tokens.remove(0);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("expected [from] all|none|host|network[,...], got '" + text.strip() + "'");
        }
        List<AddressPattern> patterns = tokens.stream().map(AddressPattern::parse).toList();
        checkLine(patterns);
        return patterns;
    }

    /** The rule ProFTPD's parser enforces on one line: all and none exclude any other entry. */
    static void checkLine(List<AddressPattern> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("an address rule needs at least one pattern");
        }
        boolean keyword = patterns.stream().anyMatch(p -> p.target() instanceof Everyone || p.target() instanceof Nobody);
        if (keyword && patterns.size() > 1) {
            throw new IllegalArgumentException("'all' and 'none' must stand alone, got " + patterns);
        }
    }

    @Override
    public String toString() {
        return (negated ? "!" : "") + target;
    }

    private static Target targetOf(String body) {
        if (body.equalsIgnoreCase("all")) {
            return new Everyone();
        }
        if (body.equalsIgnoreCase("none")) {
            return new Nobody();
        }
        if (body.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + body + "': zone ids are not supported in address patterns");
        }
        if (body.indexOf('{') >= 0 || body.indexOf('}') >= 0) {
            throw new IllegalArgumentException("'" + body + "': brace alternatives are not supported; list the alternatives separately");
        }
        int slash = body.indexOf('/');
        if (slash >= 0) {
            return networkOf(body, slash);
        }
        if (Glob.hasWildcard(body)) {
            if (body.indexOf(':') >= 0) {
                throw new IllegalArgumentException("'" + body + "': IPv6 wildcards are not supported; use a CIDR network");
            }
            return IPV4_GLOB.matcher(body).matches() ? new AddressGlob(body) : new HostGlob(body);
        }
        if (body.startsWith(".")) {
            return new DomainSuffix(body);
        }
        if (body.indexOf(':') >= 0) {
            InetAddress address = ipv6Literal(body, body);
            return new Network(address, address.getAddress().length * 8);
        }
        if (DOTTED_DIGITS.matcher(body).matches()) {
            if (body.endsWith(".")) {
                return oldStylePrefix(body);
            }
            return new Network(ipv4Literal(body, body), 32);
        }
        return new HostName(body);
    }

    private static Network networkOf(String body, int slash) {
        String addressText = body.substring(0, slash);
        String lengthText = body.substring(slash + 1);
        if (lengthText.indexOf('.') >= 0 || lengthText.indexOf(':') >= 0) {
            throw new IllegalArgumentException("'" + body + "': write the mask as a prefix length (10.0.0.0/8), not as a netmask");
        }
        if (!lengthText.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'" + body + "': '" + lengthText + "' is not a prefix length");
        }
        InetAddress address = addressText.indexOf(':') >= 0
                ? ipv6Literal(addressText, body)
                : ipv4Literal(addressText, body);
        return new Network(address, Integer.parseInt(lengthText));
    }

    private static Network oldStylePrefix(String body) {
        String[] parts = body.substring(0, body.length() - 1).split("\\.", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + body + "': a network with a trailing dot has one to three octets (10.1.1.)");
        }
        byte[] raw = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            raw[i] = (byte) octet(parts[i], body);
        }
        return new Network(addressOf(raw), parts.length * 8);
    }

    /** Strict dotted quad: inet_aton's short and octal forms would silently mean something else. */
    private static InetAddress ipv4Literal(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + whole + "' is not an IPv4 address (four dotted octets); "
                    + "for a whole network write it with a trailing dot (10.1.1.) or as CIDR (10.1.1.0/24)");
        }
        byte[] raw = new byte[4];
        for (int i = 0; i < 4; i++) {
            raw[i] = (byte) octet(parts[i], whole);
        }
        return addressOf(raw);
    }

    private static int octet(String part, String whole) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + whole + "': '" + part + "' is not an octet");
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new IllegalArgumentException("'" + whole + "': octet '" + part + "' has a leading zero, which some resolvers read as octal");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException("'" + whole + "': octet " + value + " is above 255");
        }
        return value;
    }

    private static InetAddress ipv6Literal(String text, String whole) {
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + whole + "' is not an IPv6 address", e);
        }
        return parsed instanceof Inet4Address ? addressOf(ipv6Of(parsed)) : parsed;
    }

    private static void checkHostName(String name, String whole) {
        if (name.isEmpty() || !HOST_CHARS.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + whole + "' is not a host name, domain or address");
        }
        String[] labels = name.split("\\.", -1);
        boolean allNumeric = true;
        for (String label : labels) {
            if (label.isEmpty()) {
                throw new IllegalArgumentException("'" + whole + "': empty label in host name");
            }
            allNumeric &= label.chars().allMatch(Character::isDigit);
        }
        if (allNumeric) {
            throw new IllegalArgumentException("'" + whole + "' looks like a malformed address, not a host name");
        }
    }

    static String canonicalHost(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The four IPv4 bytes of an IPv4 or IPv4-mapped IPv6 address, else null. */
    static byte[] ipv4Of(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return raw;
        }
        return isMapped(raw) ? Arrays.copyOfRange(raw, 12, 16) : null;
    }

    /** The sixteen IPv6 bytes of an address, IPv4 addresses in their mapped form. */
    static byte[] ipv6Of(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static boolean isMapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] raw, int prefixLength) {
        byte[] masked = raw.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return masked;
    }

    /** Builds an address from raw bytes without any name lookup; keeps IPv4-mapped IPv6 as IPv6. */
    private static InetAddress addressOf(byte[] raw) {
        try {
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + raw.length + " bytes was refused", e);
        }
    }
}
