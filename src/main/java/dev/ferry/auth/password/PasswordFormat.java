package dev.ferry.auth.password;

import dev.ferry.auth.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a password is stored in an account source Ferry does not own (an SQL table, an LDAP
 * directory): the forms ProFTPD's {@code SQLAuthTypes} and Pure-FTPd's {@code MYSQLCrypt} /
 * {@code PGSQLCrypt} name. Every comparison is in constant time, and an empty stored value
 * never matches (ProFTPD's "Empty" type, which lets any password in, is not offered).
 */
public enum PasswordFormat {
    /** The password itself, as stored. */
    PLAINTEXT,
    /**
     * A crypt(3) hash in modular form ({@code $y$}, {@code $6$}, {@code $5$}, {@code $1$},
     * {@code $7$}, {@code $2b$}, or 13-character DES), or an argon2 PHC string
     * ({@code $argon2id$...}, as Pure-FTPd's libsodium writes it).
     */
    CRYPT,
    /** The MD5 digest of the password, in hex or base64. */
    MD5,
    /** The SHA-1 digest of the password, in hex or base64. */
    SHA1,
    /** The SHA-256 digest of the password, in hex or base64. */
    SHA256,
    /** The SHA-512 digest of the password, in hex or base64. */
    SHA512,
    /**
     * RFC 2307's {@code {SCHEME}value} (LDAP's {@code userPassword}, ProFTPD's "OpenSSL" type):
     * {@code {CRYPT}}, {@code {MD5}}, {@code {SMD5}}, {@code {SHA}}, {@code {SSHA}},
     * {@code {SHA256}}, {@code {SSHA256}}, {@code {SHA512}}, {@code {SSHA512}}; a salted scheme
     * appends its salt to the digest before base64. {@code {CLEARTEXT}} and a value without a
     * scheme are not accepted.
     */
    RFC2307;

    /** Pure-FTPd's {@code any}: every hashed form, but never the stored value as a plain password. */
    public static final List<PasswordFormat> ANY_HASH = List.of(CRYPT, MD5, SHA1, SHA256, SHA512, RFC2307);

    /** Whether {@code password} is the one {@code stored} holds in this form. */
    public boolean matches(char[] password, String stored) {
        if (stored == null || stored.isEmpty() || password == null) {
            return false;
        }
        byte[] phrase = PasswordBytes.utf8(password);
        try {
            return switch (this) {
                case PLAINTEXT -> MessageDigest.isEqual(phrase, stored.getBytes(StandardCharsets.UTF_8));
                case CRYPT -> crypt(password, stored);
                case MD5 -> digestMatches("MD5", phrase, stored);
                case SHA1 -> digestMatches("SHA-1", phrase, stored);
                case SHA256 -> digestMatches("SHA-256", phrase, stored);
                case SHA512 -> digestMatches("SHA-512", phrase, stored);
                case RFC2307 -> rfc2307(password, phrase, stored);
            };
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
    }

    /** Whether {@code password} matches {@code stored} in any of {@code formats}. */
    public static boolean matchesAny(List<PasswordFormat> formats, char[] password, String stored) {
        for (PasswordFormat format : formats) {
            if (format.matches(password, stored)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The format a ProFTPD {@code SQLAuthTypes} or Pure-FTPd {@code *Crypt} name stands for.
     *
     * @return empty for a name Ferry does not know
     */
    public static Optional<PasswordFormat> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "plaintext", "cleartext", "plain" -> Optional.of(PLAINTEXT);
            case "crypt", "argon2", "scrypt", "bcrypt" -> Optional.of(CRYPT);
            case "md5" -> Optional.of(MD5);
            case "sha1" -> Optional.of(SHA1);
            case "sha256" -> Optional.of(SHA256);
            case "sha512" -> Optional.of(SHA512);
            case "openssl", "rfc2307" -> Optional.of(RFC2307);
            default -> Optional.empty();
        };
    }

    private static boolean crypt(char[] password, String stored) {
        if (stored.startsWith("$argon2")) {
            return PasswordHasher.verify(password, stored);
        }
        return SystemCrypt.matches(password, stored);
    }

    private static boolean digestMatches(String algorithm, byte[] phrase, String stored) {
        byte[] expected = decode(stored.strip());
        return expected != null && MessageDigest.isEqual(digest(algorithm, phrase, new byte[0]), expected);
    }

    private static boolean rfc2307(char[] password, byte[] phrase, String stored) {
        int close = stored.indexOf('}');
        if (!stored.startsWith("{") || close < 0) {
            return false;
        }
        String scheme = stored.substring(1, close).toUpperCase(Locale.ROOT);
        String value = stored.substring(close + 1);
        if (scheme.equals("CRYPT")) {
            return crypt(password, value);
        }
        String algorithm = switch (scheme) {
            case "MD5", "SMD5" -> "MD5";
            case "SHA", "SHA1", "SSHA", "SSHA1" -> "SHA-1";
            case "SHA256", "SSHA256" -> "SHA-256";
            case "SHA512", "SSHA512" -> "SHA-512";
            default -> null;
        };
        byte[] decoded = base64(value.strip());
        if (algorithm == null || decoded == null) {
            return false;
        }
        int length = digest(algorithm, new byte[0], new byte[0]).length;
        boolean salted = scheme.startsWith("SS") || scheme.equals("SMD5");
        if (salted ? decoded.length <= length : decoded.length != length) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(decoded, length, decoded.length);
        return MessageDigest.isEqual(digest(algorithm, phrase, salt), Arrays.copyOf(decoded, length));
    }

    private static byte[] digest(String algorithm, byte[] phrase, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(phrase);
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** Hex (either case) when the text is hex, base64 otherwise; null when it is neither. */
    private static byte[] decode(String text) {
        if (text.length() % 2 == 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
        }
        return base64(text);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
