package dev.ferry.auth.password;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A password as the bytes every hash and every directory takes: UTF-8, with no copy left behind. */
public final class PasswordBytes {

    private PasswordBytes() {
    }

    /**
     * {@code password} in UTF-8 (an unpaired surrogate becomes '?', as the JDK's encoder
     * replaces it). The encoder's own buffer is zeroed; the caller zeroes the result after use.
     */
    public static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
