package dev.ferry.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers passwords that recently passed a full (slow) hash verification, so that a client that
 * logs in again and again (scripts, monitoring, mirror jobs opening a session per file) does not
 * pay for argon2id each time.
 *
 * <p>What is kept is an HMAC-SHA-256 of the password under a random key made at start-up, tied to
 * the user's stored hash: changing the password (a new stored hash) makes the entry useless, and
 * entries expire. A wrong password never hits, so guessing still costs a full verification per
 * guess. The one thing given up: someone who can read the server's memory could test guesses at
 * HMAC speed instead of argon2 speed; such an attacker can also read every password as it arrives
 * on a plaintext control connection, so this is not a new exposure (see SECURITY.md).
 */
public final class VerifiedPasswordCache {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(String storedHash, byte[] mac, long expiresNanos) {
    }

    public VerifiedPasswordCache(Duration ttl, int maxEntries) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /** True if this exact password was verified against this exact stored hash within the TTL. */
    public boolean matches(String user, String storedHash, char[] password) {
        Entry entry = entries.get(user);
        if (entry == null || !entry.storedHash.equals(storedHash)) {
            return false;
        }
        if (System.nanoTime() - entry.expiresNanos > 0) {
            entries.remove(user, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac, mac(user, storedHash, password));
    }

    /** Records a successful full verification. */
    public void remember(String user, String storedHash, char[] password) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // crude but bounded; a cleared cache only costs one slow login per user
        }
        entries.put(user, new Entry(storedHash, mac(user, storedHash, password), System.nanoTime() + ttlNanos));
    }

    private byte[] mac(String user, String storedHash, char[] password) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            try {
                return mac.doFinal(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
                if (bytes.hasArray()) {
                    Arrays.fill(bytes.array(), (byte) 0);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
        }
    }
}
