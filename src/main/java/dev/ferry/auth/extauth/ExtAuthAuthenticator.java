package dev.ferry.auth.extauth;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.Authenticator;
import dev.ferry.auth.HomeDirectory;
import dev.ferry.auth.UserLimits;
import dev.ferry.policy.AccessPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pure-FTPd's external authentication ({@code -l extauth:SOCKET}): each login is asked of a
 * pure-authd daemon (or anything speaking its protocol) on a Unix socket, as pure-authd(8)
 * describes it. Ferry sends
 * <pre>
 * account:NAME
 * password:PASSWORD
 * localhost:
 * localport:
 * peer:CLIENT-IP
 * end
 * </pre>
 * and reads {@code key:value} lines up to {@code end}: {@code auth_ok:1} is a login into
 * {@code dir} (absolute; {@code /./} splits jail and start directory), {@code auth_ok:0} an
 * unknown user (the next source is asked), {@code auth_ok:-1} a refusal (no other source is
 * asked). The optional {@code throttling_bandwidth_ul}/{@code _dl} (bytes/s),
 * {@code user_quota_size} (bytes), {@code user_quota_files}, {@code per_user_max} and
 * {@code ratio_upload}/{@code ratio_download} become the login's own limits; {@code uid} and
 * {@code gid} are read and not used (Ferry serves every user as its own system user). The local
 * address is not known to account sources, so {@code localhost} and {@code localport} go empty.
 *
 * <p>A daemon that cannot be reached, answers late ({@value #TIMEOUT_SECONDS} s) or answers
 * nonsense refuses the login (530, the reason logged) rather than handing it to the next source:
 * an outage must not let a name fall through to another account of the same name. Names and
 * passwords holding a line break or NUL are refused before anything is sent, so no value can
 * forge a line of the request.
 */
public final class ExtAuthAuthenticator implements Authenticator {
    static final int TIMEOUT_SECONDS = 10;
    private static final int MAX_REPLY = 16 * 1024;

    private final Path socket;
    private final Duration timeout;

    public ExtAuthAuthenticator(Path socket) {
        this(socket, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    ExtAuthAuthenticator(Path socket, Duration timeout) {
        this.socket = Objects.requireNonNull(socket);
        this.timeout = timeout;
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        if (unsafe(user) || unsafe(CharBuffer.wrap(password))) {
            return new AuthResult.Failure("extauth: a name or password with a line break or NUL is never sent");
        }
        Map<String, String> reply;
        try {
            reply = ask(request(user, password, client));
        } catch (IOException e) {
            return new AuthResult.Failure("extauth " + socket + " could not be asked: " + e.getMessage());
        }
        String ok = reply.get("auth_ok");
        if (ok == null) {
            return new AuthResult.Failure("extauth " + socket + " answered without auth_ok");
        }
        return switch (ok.strip()) {
            case "0" -> new AuthResult.NotApplicable();
            case "-1" -> new AuthResult.Failure("extauth " + socket + " refused " + user);
            case "1" -> account(user, reply);
            default -> new AuthResult.Failure("extauth " + socket + " answered auth_ok:" + ok);
        };
    }

    private AuthResult account(String user, Map<String, String> reply) {
        String dir = reply.get("dir");
        if (dir == null || dir.isBlank()) {
            return new AuthResult.Failure("extauth " + socket + " gave no dir for " + user);
        }
        UserLimits limits;
        try {
            limits = new UserLimits((int) Math.min(Integer.MAX_VALUE, number(reply, "per_user_max")),
                    number(reply, "throttling_bandwidth_ul"), number(reply, "throttling_bandwidth_dl"),
                    number(reply, "user_quota_size"), number(reply, "user_quota_files"),
                    number(reply, "ratio_upload"),
                    reply.containsKey("ratio_download") ? number(reply, "ratio_download")
                            : number(reply, "radio_download")); // the spelling of pure-authd(8)'s page
        } catch (IllegalArgumentException e) {
            return new AuthResult.Failure("extauth " + socket + " gave unusable limits for " + user + ": "
                    + e.getMessage());
        }
        return HomeDirectory.account(user, dir, Optional.empty(), Set.of(), AccessPolicy.FULL, limits);
    }

    private static long number(Map<String, String> reply, String key) {
        String value = reply.get(key);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new IllegalArgumentException(key + " is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value.strip());
        }
    }

    private static byte[] request(String user, char[] password, InetAddress client) {
        StringBuilder text = new StringBuilder(64 + password.length);
        text.append("account:").append(user).append('\n')
                .append("password:").append(password).append('\n')
                .append("localhost:\n")
                .append("localport:\n")
                .append("peer:").append(client.getHostAddress()).append('\n')
                .append("end\n");
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        java.util.Arrays.fill(encoded.array(), (byte) 0); // the password's other copies: the caller clears its own
        for (int i = 0; i < text.length(); i++) {
            text.setCharAt(i, '\0');
        }
        return bytes;
    }

    /** Sends the request and reads the reply's lines up to "end" (or the daemon closing), within the timeout. */
    private Map<String, String> ask(byte[] request) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            java.util.Arrays.fill(request, (byte) 0);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(MAX_REPLY);
            while (true) {
                Map<String, String> done = lines(in, false);
                if (done != null) {
                    return done;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no complete answer within " + timeout.toSeconds() + " s");
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                if (!in.hasRemaining()) {
                    throw new IOException("answer longer than " + MAX_REPLY + " bytes");
                }
                if (channel.read(in) < 0) {
                    return lines(in, true); // closed: what it said, "end" or not
                }
            }
        }
    }

    /** The reply's keys up to its "end" line; without one, null, or what there is once the daemon has closed. */
    private static Map<String, String> lines(ByteBuffer in, boolean closed) {
        String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        Map<String, String> keys = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.equals("end")) {
                return keys;
            }
            int colon = l.indexOf(':');
            if (colon > 0) {
                keys.putIfAbsent(l.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        l.substring(colon + 1));
            }
        }
        return closed ? keys : null;
    }

    private static boolean unsafe(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "extauth:" + socket;
    }
}
