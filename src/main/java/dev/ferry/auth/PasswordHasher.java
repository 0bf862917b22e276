package dev.ferry.auth;

import dev.ferry.auth.password.PasswordBytes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes new passwords with argon2id and verifies stored hashes (argon2id, argon2i and bcrypt, so
 * that users imported from other servers keep working).
 *
 * <p>Hashes are kept in the PHC string form {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash} that
 * the reference {@code argon2} tool, libsodium and most other software read and write. Passwords
 * are hashed as their UTF-8 bytes, again to match those tools.
 */
public final class PasswordHasher {

    /*
     * OWASP's first recommended argon2id setting (19 MiB, 2 passes, 1 lane). Measured with Bouncy
     * Castle 1.82 on JDK 25, 2-core build VM: one verification takes about 35 ms once the JIT has
     * warmed up (the very first in a fresh JVM about 0.5 s). Each one also holds 19 MiB of heap
     * while it runs, so 50 logins at once need ~1 GiB: the reason not to go higher by default.
     */
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    /*
     * Bounds for parameters read from stored hashes. They are far above anything sensible; they
     * exist so that a corrupt or hostile row cannot make one login allocate the whole heap or keep
     * a thread busy for hours.
     */
    private static final int MAX_MEMORY_KIB = 1 << 20;   // 1 GiB
    private static final int MAX_ITERATIONS = 1_000;
    private static final int MAX_PARALLELISM = 255;
    private static final int MAX_BCRYPT_COST = 20;        // ~1 minute per attempt

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    // PHC: in this order, decimal without sign or leading zeros. Ten digits at most, so a long holds them.
    private static final Pattern COST = Pattern.compile("m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,9})");

    /*
     * Same parameters as a real hash; all-zero salt and tag. No password hashes to an all-zero
     * tag in practice, and building it from the constants keeps its cost equal to the default.
     */
    private static final String DUMMY_HASH = encode(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
            MEMORY_KIB, ITERATIONS, PARALLELISM, new byte[SALT_BYTES], new byte[HASH_BYTES]);

    private PasswordHasher() {
    }

    /** Hashes {@code password} with argon2id and the default parameters, with a fresh random salt. */
    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Phc phc = new Phc(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13,
                MEMORY_KIB, ITERATIONS, PARALLELISM, salt, new byte[HASH_BYTES]);
        byte[] tag = phc.compute(password);
        return encode(phc.type, phc.version, phc.memoryKib, phc.iterations, phc.parallelism, salt, tag);
    }

    /**
     * Checks {@code password} against a stored hash. Returns false for a wrong password and for
     * anything that is not a well-formed argon2id, argon2i or bcrypt ($2a$, $2b$, $2y$) hash.
     */
    public static boolean verify(char[] password, String encoded) {
        if (password == null || encoded == null) {
            return false;
        }
        try {
            if (isBcrypt(encoded)) {
                return verifyBcrypt(password, encoded);
            }
            Phc phc = Phc.parse(encoded);
            if (phc == null) {
                return false;
            }
            byte[] actual = phc.compute(password);
            return MessageDigest.isEqual(actual, phc.hash);
        } catch (RuntimeException e) {
            // Bouncy Castle rejects some malformed input by throwing; to a caller that is just "no".
            return false;
        }
    }

    /**
     * Spends the time of one default verification, so that a login for an unknown user takes as
     * long as one with a wrong password and user names cannot be probed by timing.
     */
    public static void burnEquivalentTime(char[] password) {
        verify(password == null ? new char[0] : password, DUMMY_HASH);
    }

    /**
     * True if {@code encoded} is not what {@link #hash} would produce today: bcrypt, argon2i, or
     * argon2id with less memory, fewer passes, or a shorter salt or tag. Anything unparsable also
     * answers true. A caller may rehash after a successful login.
     */
    public static boolean needsRehash(String encoded) {
        if (encoded == null || isBcrypt(encoded)) {
            return true;
        }
        Phc phc = Phc.parse(encoded);
        return phc == null
                || phc.type != Argon2Parameters.ARGON2_id
                || phc.version != Argon2Parameters.ARGON2_VERSION_13
                || phc.memoryKib < MEMORY_KIB
                || phc.iterations < ITERATIONS
                || phc.salt.length < SALT_BYTES
                || phc.hash.length < HASH_BYTES;
    }

    private static boolean isBcrypt(String encoded) {
        return encoded.startsWith("$2a$") || encoded.startsWith("$2b$") || encoded.startsWith("$2y$");
    }

    private static boolean verifyBcrypt(char[] password, String encoded) {
        // Refuse absurd costs before Bouncy Castle starts on them; it checks the rest.
        int cost = bcryptCost(encoded);
        if (cost < 4 || cost > MAX_BCRYPT_COST) {
            return false;
        }
        byte[] bytes = PasswordBytes.utf8(password);
        try {
            // Compares the whole string in constant time internally.
            return OpenBSDBCrypt.checkPassword(encoded, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String encode(int type, int version, int memoryKib, int iterations, int parallelism,
                                 byte[] salt, byte[] hash) {
        return "$" + (type == Argon2Parameters.ARGON2_id ? "argon2id" : "argon2i")
                + "$v=" + version
                + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** The two-digit cost of a bcrypt string, or -1. */
    private static int bcryptCost(String encoded) {
        // "$2b$NN$..."
        if (encoded.length() < 7 || encoded.charAt(6) != '$') {
            return -1;
        }
        char hi = encoded.charAt(4);
        char lo = encoded.charAt(5);
        if (hi < '0' || hi > '9' || lo < '0' || lo > '9') {
            return -1;
        }
        return (hi - '0') * 10 + (lo - '0');
    }

    private static byte[] decodeB64(String s) {
        // PHC strings never carry padding; the JDK decoder would accept it, so refuse it here.
        if (s.isEmpty() || s.indexOf('=') >= 0) {
            return null;
        }
        try {
            return B64_DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A parsed argon2 PHC string. */
    private record Phc(int type, int version, int memoryKib, int iterations, int parallelism,
                       byte[] salt, byte[] hash) {

        /** @return null unless {@code s} is a well-formed argon2id/argon2i string within bounds */
        static Phc parse(String s) {
            // "$argon2id$v=19$m=..,t=..,p=..$salt$hash"; the v= field is absent in version 1.0 hashes.
            String[] parts = s.split("\\$", -1);
            if ((parts.length != 5 && parts.length != 6) || !parts[0].isEmpty()) {
                return null;
            }
            int type;
            switch (parts[1]) {
                case "argon2id" -> type = Argon2Parameters.ARGON2_id;
                case "argon2i" -> type = Argon2Parameters.ARGON2_i;
                default -> {
                    return null;
                }
            }
            int next = 2;
            int version = Argon2Parameters.ARGON2_VERSION_10;
            if (parts.length == 6) {
                switch (parts[2]) {
                    case "v=19" -> version = Argon2Parameters.ARGON2_VERSION_13;
                    case "v=16" -> version = Argon2Parameters.ARGON2_VERSION_10;
                    default -> {
                        return null;
                    }
                }
                next = 3;
            }
            Matcher cost = COST.matcher(parts[next]);
            if (!cost.matches()) {
                return null;
            }
            long m = Long.parseLong(cost.group(1));
            long t = Long.parseLong(cost.group(2));
            long p = Long.parseLong(cost.group(3));
            if (p < 1 || p > MAX_PARALLELISM
                    || t < 1 || t > MAX_ITERATIONS
                    || m < 8 * p || m > MAX_MEMORY_KIB) {
                return null;
            }
            byte[] salt = decodeB64(parts[next + 1]);
            byte[] hash = decodeB64(parts[next + 2]);
            // RFC 9106 minimums: 8-byte salt, 4-byte tag.
            if (salt == null || hash == null || salt.length < 8 || salt.length > 1024
                    || hash.length < 4 || hash.length > 1024) {
                return null;
            }
            return new Phc(type, version, (int) m, (int) t, (int) p, salt, hash);
        }

        /** The tag for {@code password} under these parameters, as long as {@link #hash}. */
        byte[] compute(char[] password) {
            Argon2Parameters params = new Argon2Parameters.Builder(type)
                    .withVersion(version)
                    .withMemoryAsKB(memoryKib)
                    .withIterations(iterations)
                    .withParallelism(parallelism)
                    .withSalt(salt)
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            byte[] out = new byte[hash.length];
            byte[] bytes = PasswordBytes.utf8(password);
            try {
                generator.generateBytes(bytes, out);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
            return out;
        }
    }
}
