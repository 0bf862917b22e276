package dev.ferry.log.syslog;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected {@code AF_UNIX}/{@code SOCK_DGRAM} socket, the kind syslog daemons listen on at
 * {@code /dev/log}. The JDK's channels speak Unix-domain streams only, so this goes to libc
 * through the foreign function API (Linux only). Not thread-safe: its one user holds a lock.
 */
final class UnixDatagramSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    /** A daemon that has stopped reading must not stop the server: its full queue drops the message. */
    private static final int MSG_DONTWAIT = 0x40;
    /** {@code struct sockaddr_un}: a 2-byte family, then 108 bytes of path. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int PATH_MAX = 107;

    private static final MethodHandle SOCKET;
    private static final MethodHandle CONNECT;
    private static final MethodHandle SEND;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        SOCKET = linker.downcallHandle(libc.find("socket").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT));
        CONNECT = linker.downcallHandle(libc.find("connect").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT));
        SEND = linker.downcallHandle(libc.find("send").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;

    private UnixDatagramSocket(int fd, int capacity) {
        this.fd = fd;
        this.buffer = arena.allocate(capacity);
    }

    /**
     * Connects to the datagram socket at {@code path}.
     *
     * @param capacity the largest message {@link #send} will take
     * @throws IOException if there is no such socket or it does not accept datagrams
     */
    static UnixDatagramSocket connect(Path path, int capacity) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length > PATH_MAX) {
            throw new IOException("socket path too long for AF_UNIX: " + path);
        }
        try {
            int fd = (int) SOCKET.invokeExact(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed");
            }
            try (Arena call = Arena.ofConfined()) {
                MemorySegment address = call.allocate(SOCKADDR_UN_SIZE);
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
                if ((int) CONNECT.invokeExact(fd, address, SOCKADDR_UN_SIZE) < 0) {
                    int ignored = (int) CLOSE.invokeExact(fd);
                    throw new IOException("cannot connect to the datagram socket " + path);
                }
            }
            return new UnixDatagramSocket(fd, capacity);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("libc call failed", e);
        }
    }

    /** Sends one datagram of at most the capacity; false when the socket did not take it. */
    boolean send(byte[] message) {
        int length = (int) Math.min(message.length, buffer.byteSize());
        MemorySegment.copy(message, 0, buffer, ValueLayout.JAVA_BYTE, 0, length);
        try {
            return (long) SEND.invokeExact(fd, buffer, (long) length, MSG_NOSIGNAL | MSG_DONTWAIT) == length;
        } catch (Throwable e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            // nothing left to do for a socket being thrown away
        }
        arena.close();
    }
}
