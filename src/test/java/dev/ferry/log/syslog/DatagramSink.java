package dev.ferry.log.syslog;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A stand-in for a syslog daemon: an {@code AF_UNIX}/{@code SOCK_DGRAM} socket bound at a path,
 * read with non-blocking receives.
 */
final class DatagramSink implements AutoCloseable {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));
    private static final int MSG_DONTWAIT = 0x40;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(65536);
    private final int fd;

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    DatagramSink(Path path) throws Throwable {
        fd = (int) SOCKET.invokeExact(1, 2, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket failed");
        }
        MemorySegment address = arena.allocate(110);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
        if ((int) BIND.invokeExact(fd, address, 110) < 0) {
            throw new IllegalStateException("bind " + path + " failed");
        }
    }

    /** The next datagram, waiting up to {@code timeout}. */
    Optional<String> receive(Duration timeout) throws Throwable {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            long n = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
            if (n >= 0) {
                return Optional.of(new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8));
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** The first datagram within {@code timeout} that contains {@code text}. */
    Optional<String> receiveContaining(String text, Duration timeout) throws Throwable {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> next = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (next.isPresent() && next.get().contains(text)) {
                return next;
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws Exception {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new Exception(e);
        }
        arena.close();
    }
}
