package dev.ferry.data;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Waits until a non-blocking data connection can take more bytes. The selector is opened on the
 * first wait only, so a transfer that fits in the socket buffer (most small files) never pays
 * for one.
 *
 * <p>Closing a channel from another thread does not wake a selector that waits on it, so the
 * wait is sliced and re-checks that the channel is still open: an aborted transfer ends within
 * one slice.
 */
final class WritableWait implements AutoCloseable {
    private static final long SLICE_MILLIS = 200;

    private final SocketChannel channel;
    private Selector selector;

    WritableWait(SocketChannel channel) {
        this.channel = channel;
    }

    void untilWritable() throws IOException {
        if (selector == null) {
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_WRITE);
        }
        while (true) {
            if (!channel.isOpen()) {
                throw new AsynchronousCloseException();
            }
            if (selector.select(SLICE_MILLIS) > 0) {
                selector.selectedKeys().clear();
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
