package dev.ferry.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** TCP_CORK reaches the kernel on Linux, and a corked connection still delivers every byte at its end. */
class TcpCorkTest {

    @Test
    void corksAnOpenConnectionAndItsBytesArriveWhenItIsShutDown() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"));
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress());
                 SocketChannel server = listener.accept()) {
                assertThat(TcpCork.apply(server)).as("setsockopt(TCP_CORK) on a connected socket").isTrue();
                server.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                server.shutdownOutput(); // pushes what the cork held back
                ByteBuffer got = ByteBuffer.allocate(16);
                while (client.read(got) >= 0) {
                    // to the end
                }
                assertThat(got.flip().remaining()).isEqualTo(3);
            }
        }
    }

    @Test
    void aClosedConnectionIsNotCorked() throws Exception {
        SocketChannel closed = SocketChannel.open();
        closed.close();
        assertThat(TcpCork.apply(closed)).isFalse();
    }
}
