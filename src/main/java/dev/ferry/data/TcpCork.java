package dev.ferry.data;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@code TCP_CORK} (Linux tcp(7)) on a data connection about to carry a file or a listing:
 * the kernel then sends only full segments, and the rest when the connection is shut down,
 * which {@link DataConnection#finishOutput} always does. ProFTPD corks its data connections the
 * same way. Measured on loopback (bench/README.md), a 1 GiB download costs the receiving client
 * about half the CPU per byte that it costs uncorked, and a small file leaves in one segment
 * with its FIN.
 *
 * <p>The JDK has no socket option for it, so {@code setsockopt} is called through the foreign
 * function API, on the descriptor the JDK's socket implementation reports
 * ({@code sun.nio.ch.SelChImpl.getFDVal}, exported to Ferry by the {@code Add-Exports} entry of
 * its jar's manifest). Where either is unavailable (another OS, the jar run without its
 * manifest) connections are simply not corked: it changes how bytes are packed, never which.
 */
final class TcpCork {
    private static final Logger LOG = LoggerFactory.getLogger(TcpCork.class);
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_CORK = 3;

    private static final MethodHandle DESCRIPTOR;
    private static final MethodHandle SETSOCKOPT;
    private static final MemorySegment ONE;
    private static final MemorySegment ZERO;

    static {
        MethodHandle descriptor = null;
        MethodHandle setsockopt = null;
        MemorySegment one = null;
        MemorySegment zero = null;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            try {
                Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
                descriptor = MethodHandles.lookup()
                        .findVirtual(selectable, "getFDVal", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, SocketChannel.class));
                Linker linker = Linker.nativeLinker();
                setsockopt = linker.downcallHandle(linker.defaultLookup().find("setsockopt").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
                one = Arena.global().allocate(ValueLayout.JAVA_INT);
                one.set(ValueLayout.JAVA_INT, 0, 1);
                zero = Arena.global().allocate(ValueLayout.JAVA_INT);
                zero.set(ValueLayout.JAVA_INT, 0, 0);
            } catch (ReflectiveOperationException | RuntimeException | Error e) {
                LOG.debug("data connections are not corked (TCP_CORK unavailable: {})", e.toString());
                descriptor = null;
                setsockopt = null;
            }
        }
        DESCRIPTOR = descriptor;
        SETSOCKOPT = setsockopt;
        ONE = one;
        ZERO = zero;
    }

    private TcpCork() {
    }

    /** Corks the connection; false (and nothing changed) where that is not possible. */
    static boolean apply(SocketChannel channel) {
        return set(channel, ONE);
    }

    /**
     * Sends what the cork holds back, and corks again. Called before waiting for room in the
     * socket buffer, so that the tail of what was queued never waits for data that cannot come
     * until the client has made room (which, with a window smaller than a segment, it may only
     * do after the kernel's 200 ms cork timer).
     */
    static void push(SocketChannel channel) {
        if (set(channel, ZERO)) {
            set(channel, ONE);
        }
    }

    private static boolean set(SocketChannel channel, MemorySegment value) {
        if (SETSOCKOPT == null) {
            return false;
        }
        try {
            int fd = (int) DESCRIPTOR.invokeExact(channel);
            return fd >= 0 && (int) SETSOCKOPT.invokeExact(fd, IPPROTO_TCP, TCP_CORK, value, 4) == 0;
        } catch (Throwable e) {
            return false; // a closed channel, say: the transfer reports that on its own
        }
    }
}
