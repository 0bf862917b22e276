package dev.ferry.tls;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the server_name of a ClientHello (RFC 8446 §4.1.2, RFC 6066 §3) from the bytes
 * received, before JSSE reads them. JSSE restores a resumed TLS 1.3 session from its ticket, and
 * asks the key manager which certificate it would present, before it looks at the client's
 * server_name: the name must be known by then for a virtual host's session to resume on a data
 * connection. Only the first record is read; a ClientHello split across records (possible, never
 * seen from FTP clients) counts as one without a name.
 */
final class ClientHelloPeek {
    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int HOST_NAME = 0;

    private ClientHelloPeek() {
    }

    /** Whether {@code received} (in read mode) holds the first record whole, or is no TLS record at all. */
    static boolean firstRecordComplete(ByteBuffer received) {
        if (received.remaining() < 5) {
            return false;
        }
        int length = ((received.get(received.position() + 3) & 0xff) << 8) | (received.get(received.position() + 4) & 0xff);
        return received.get(received.position()) != HANDSHAKE || received.remaining() >= 5 + length;
    }

    /** The host name of the first record's ClientHello, lower-case; empty when there is none or it cannot be read. */
    static Optional<String> serverName(ByteBuffer received) {
        try {
            ByteBuffer b = received.duplicate();
            if ((b.get() & 0xff) != HANDSHAKE) {
                return Optional.empty();
            }
            b.getShort(); // legacy record version
            int recordLength = b.getShort() & 0xffff;
            b.limit(Math.min(b.limit(), b.position() + recordLength));
            if ((b.get() & 0xff) != CLIENT_HELLO) {
                return Optional.empty();
            }
            skip(b, 3); // handshake length: the record bounds what is read
            skip(b, 2 + 32); // legacy version, random
            skip(b, b.get() & 0xff); // session id
            skip(b, b.getShort() & 0xffff); // cipher suites
            skip(b, b.get() & 0xff); // compression methods
            int extensionsEnd = b.position() + (b.getShort() & 0xffff);
            while (b.position() + 4 <= Math.min(extensionsEnd, b.limit())) {
                int type = b.getShort() & 0xffff;
                int length = b.getShort() & 0xffff;
                if (type != SERVER_NAME) {
                    skip(b, length);
                    continue;
                }
                int listEnd = b.position() + 2 + (b.getShort() & 0xffff);
                while (b.position() + 3 <= listEnd) {
                    int nameType = b.get() & 0xff;
                    int nameLength = b.getShort() & 0xffff;
                    if (nameType == HOST_NAME) {
                        byte[] name = new byte[nameLength];
                        b.get(name);
                        return Optional.of(new String(name, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
                    }
                    skip(b, nameLength);
                }
                return Optional.empty();
            }
            return Optional.empty();
        } catch (RuntimeException malformed) { // BufferUnderflow, IllegalArgument: JSSE will say what is wrong
            return Optional.empty();
        }
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
