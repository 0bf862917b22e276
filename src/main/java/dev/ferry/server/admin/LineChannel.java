package dev.ferry.server.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Lines over a blocking Unix-domain socket, with bounded line length and a time limit. */
final class LineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096).flip();
    private volatile Thread watchdog;

    LineChannel(SocketChannel channel) {
        this.channel = channel;
    }

    /** Thrown for a line longer than the caller allows. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("line longer than " + limit + " bytes");
        }
    }

    /**
     * Closes the connection after {@code limit} unless {@link #disarm} comes first: a blocking
     * channel has no read timeout, and closing it is what ends a blocked read.
     */
    void closeAfter(Duration limit) {
        disarm();
        watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(limit);
                close();
            } catch (InterruptedException disarmed) {
                // the exchange finished in time
            }
        });
    }

    void disarm() {
        Thread armed = watchdog;
        watchdog = null;
        if (armed != null && armed != Thread.currentThread()) {
            armed.interrupt();
        }
    }

    /** The next line without its LF (and CR); null if the peer closed before sending a byte of it. */
    String readLine(int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int n = channel.read(buffer);
                buffer.flip();
                if (n < 0) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed in the middle of a line");
                }
            }
            byte b = buffer.get();
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= maxBytes) {
                throw new LineTooLongException(maxBytes);
            }
            line.write(b);
        }
    }

    void write(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    SocketChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        disarm();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }
}
