package dev.ferry.auth.password;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The system's crypt(3), from libxcrypt ({@code libcrypt.so.1}), through the foreign function
 * API: the one implementation that knows every hash {@code /etc/shadow} and the databases of
 * ProFTPD's and Pure-FTPd's users may hold ({@code $y$} yescrypt, {@code $gy$}, {@code $7$}
 * scrypt, {@code $6$} and {@code $5$} SHA-crypt, {@code $1$} MD5-crypt, {@code $2b$} bcrypt,
 * traditional DES). No Java library has yescrypt, Debian's default since version 11.
 * {@code crypt_rn} takes a caller-owned work area, so calls from many sessions at once are safe.
 */
public final class SystemCrypt {
    /** {@code sizeof(struct crypt_data)} in libxcrypt. */
    private static final int CRYPT_DATA_SIZE = 32_768;
    private static final Optional<MethodHandle> CRYPT_RN = lookup();

    private SystemCrypt() {
    }

    private static Optional<MethodHandle> lookup() {
        try {
            SymbolLookup libcrypt = SymbolLookup.libraryLookup("libcrypt.so.1", Arena.global());
            return libcrypt.find("crypt_rn").map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_INT)));
        } catch (IllegalArgumentException | UnsupportedOperationException | IllegalCallerException e) {
            return Optional.empty();
        }
    }

    /** Whether this system has a crypt(3) Ferry can call. */
    public static boolean available() {
        return CRYPT_RN.isPresent();
    }

    /**
     * crypt(3) of {@code password} with {@code setting} (a full hash or just its salt part).
     *
     * @return empty when crypt(3) is missing, refuses the setting (an unknown or disabled method,
     *         a malformed hash), or the password holds a NUL character, which a C string cannot
     */
    public static Optional<String> crypt(char[] password, String setting) {
        if (CRYPT_RN.isEmpty() || setting.isEmpty() || setting.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        byte[] phrase = PasswordBytes.utf8(password);
        int length = phrase.length;
        try (Arena call = Arena.ofConfined()) {
            for (int i = 0; i < length; i++) {
                if (phrase[i] == 0) {
                    return Optional.empty();
                }
            }
            MemorySegment phraseC = call.allocate(length + 1L);
            MemorySegment.copy(phrase, 0, phraseC, ValueLayout.JAVA_BYTE, 0, length);
            MemorySegment settingC = call.allocateFrom(setting);
            MemorySegment data = call.allocate(CRYPT_DATA_SIZE);
            MemorySegment result;
            try {
                result = (MemorySegment) CRYPT_RN.get().invokeExact(phraseC, settingC, data, CRYPT_DATA_SIZE);
            } catch (Throwable e) {
                return Optional.empty();
            }
            String hashed = result.equals(MemorySegment.NULL) ? null
                    : result.reinterpret(CRYPT_DATA_SIZE).getString(0);
            // The work area and the phrase held the password: zero them before the arena lets go.
            data.fill((byte) 0);
            phraseC.fill((byte) 0);
            // libxcrypt answers a refusal with a string starting with '*' when it cannot return NULL.
            return hashed == null || hashed.startsWith("*") ? Optional.empty() : Optional.of(hashed);
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
    }

    /** Whether {@code password} hashes to {@code hash} under crypt(3); compared in constant time. */
    public static boolean matches(char[] password, String hash) {
        Optional<String> computed = crypt(password, hash);
        return computed.isPresent() && MessageDigest.isEqual(computed.get().getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8));
    }
}
