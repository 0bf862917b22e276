package dev.ferry.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's limits, with the load generator's own read and write loops on one end of a
 * loopback connection: a plain socket copy (user-space buffer to socket, the STOR side's code),
 * and sendfile of the big file (FileChannel.transferTo, what a zero-copy server does for RETR).
 */
final class Ceiling {
    private Ceiling() {
    }

    static void run(Path file, long copyBytes, int rounds, int warmup, Results results) {
        List<Double> copy = new ArrayList<>();
        List<Double> sendfile = new ArrayList<>();
        ByteBuffer pattern = Dataset.pattern(11);
        try {
            for (int round = -warmup; round < rounds; round++) {
                double c = measure(out -> FtpClient.writeAll(out, copyBytes, pattern), copyBytes);
                double s = measure(out -> transfer(file, out), file.toFile().length());
                if (round >= 0) {
                    copy.add(c);
                    sendfile.add(s);
                }
            }
            results.ok("ceiling", "copy", "loopback socket copy (" + Args.human(copyBytes) + ")", "MB/s", "higher", copy,
                    "");
            results.ok("ceiling", "sendfile", "sendfile to loopback socket (" + Args.human(file.toFile().length()) + ")",
                    "MB/s", "higher", sendfile, "");
        } catch (Exception e) {
            results.fail("ceiling", "copy", "ceilings", "MB/s", "higher", copy, e.toString());
        }
    }

    interface Sender {
        void send(SocketChannel out) throws IOException;
    }

    private static void transfer(Path file, SocketChannel out) throws IOException {
        try (FileChannel f = FileChannel.open(file)) {
            long pos = 0;
            long size = f.size();
            while (pos < size) {
                pos += f.transferTo(pos, Math.min(8L << 20, size - pos), out);
            }
        }
    }

    /** MB/s from the sender's first byte to the reader's end of stream. */
    private static double measure(Sender sender, long bytes) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
                ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            // The sender runs on this platform thread (sendfile blocks its thread); the reader is a
            // virtual thread, as in the load generator's sessions.
            Future<Long> reader = ex.submit(() -> {
                try (SocketChannel in = server.accept()) {
                    return FtpClient.readAll(in, ByteBuffer.allocateDirect(FtpClient.DATA_BUFFER), false, false).bytes();
                }
            });
            long t0 = System.nanoTime();
            try (SocketChannel out = SocketChannel.open(server.getLocalAddress())) {
                sender.send(out);
            }
            long got = reader.get();
            double secs = (System.nanoTime() - t0) / 1e9;
            if (got != bytes) {
                throw new IOException("ceiling probe moved " + got + " bytes, expected " + bytes);
            }
            return bytes / 1e6 / secs;
        }
    }
}
