package dev.ferry.data;

import dev.ferry.config.PortRange;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds passive listeners inside the configured range. The search starts at a random port so
 * that a client cannot predict the next port another session will get (RFC 2577 §8, port
 * stealing). When every port in the range is busy the pool says so in the log and falls back to
 * an ephemeral port, so the transfer still works where the firewall allows it.
 */
public final class PassivePortPool {
    private static final Logger LOG = LoggerFactory.getLogger(PassivePortPool.class);

    private final Optional<PortRange> range;

    public PassivePortPool(Optional<PortRange> range) {
        this.range = range;
    }

    public ServerSocketChannel bind(InetAddress address) throws IOException {
        if (range.isPresent()) {
            PortRange r = range.get();
            int start = ThreadLocalRandom.current().nextInt(r.size());
            for (int i = 0; i < r.size(); i++) {
                int port = r.low() + (start + i) % r.size();
                ServerSocketChannel channel = ServerSocketChannel.open();
                try {
                    // Without SO_REUSEADDR every port that recently carried a transfer (TIME_WAIT)
                    // would refuse to bind, and a busy server would walk the whole range per PASV.
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(new InetSocketAddress(address, port), 1);
                    return channel;
                } catch (BindException busy) {
                    channel.close();
                }
            }
            LOG.warn("passive port range {} exhausted on {}; falling back to an ephemeral port "
                    + "(widen the range or raise it above the number of concurrent transfers)", r, address.getHostAddress());
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(new InetSocketAddress(address, 0), 1);
        return channel;
    }
}
