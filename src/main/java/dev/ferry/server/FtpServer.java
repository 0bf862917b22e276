package dev.ferry.server;

import dev.ferry.auth.AccountResolver;
import dev.ferry.command.CommandTable;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.session.Session;
import dev.ferry.session.SessionServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's lifecycle: listeners up, a timer for session timeouts, and a graceful stop that
 * lets running transfers finish for a bounded time before closing every session with a 421.
 */
public final class FtpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FtpServer.class);

    private final FerryConfig config;
    private final SessionRegistry registry = new SessionRegistry();
    private final List<Listener> listeners = new ArrayList<>();
    private final ScheduledExecutorService timer;
    /** Pooled platform threads for transfers; idle ones end after a minute. */
    private final ExecutorService transferThreads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ftp-transfer-", 1).daemon(true).factory());
    private final ReentrantLock stopLock = new ReentrantLock();
    private boolean stopped;

    private FtpServer(FerryConfig config) {
        this.config = config;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("ftp-timer").unstarted(r));
    }

    /**
     * Starts listening on every configured address. Binds that fail are reported together; if
     * {@code optionalBinds} is true a failing address is only logged as long as one succeeds
     * (the embedded default tries IPv6 loopback, which some hosts lack).
     */
    public static FtpServer start(FerryConfig config, AccountResolver accounts, boolean optionalBinds)
            throws IOException {
        for (ServerConfig s : config.servers()) {
            prepareAnonymousAreas(s);
        }
        FtpServer server = new FtpServer(config);
        SessionServices services = new SessionServices(config, CommandTable.standard(), accounts,
                SessionServices.poolsFor(config), server.transferThreads);
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress address : config.listenAddresses()) {
            try {
                server.listeners.add(new Listener(address, server.registry, services));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        if (server.listeners.isEmpty() || (!failures.isEmpty() && !optionalBinds)) {
            server.listeners.forEach(Listener::close);
            server.timer.shutdownNow();
            server.transferThreads.shutdown();
            throw new IOException(String.join("; ", failures));
        }
        failures.forEach(f -> LOG.warn("{}", f));
        long tick = Math.clamp(smallestTimeout(config).toMillis() / 4, 50, 1000);
        server.timer.scheduleWithFixedDelay(server::checkTimers, tick, tick, TimeUnit.MILLISECONDS);
        server.listeners.forEach(Listener::start);
        return server;
    }

    /**
     * The command line's anonymous area (and its drop directory) is created on start; a
     * configured {@code <Anonymous>} directory must exist already, as in ProFTPD.
     */
    private static void prepareAnonymousAreas(ServerConfig server) throws IOException {
        for (AnonymousConfig area : server.anonymous()) {
            if (area.writesByLimit()) {
                continue;
            }
            Files.createDirectories(area.root());
            if (area.uploadDir().isPresent()) {
                Files.createDirectories(area.root().resolve(area.uploadDir().get()).normalize());
            }
        }
    }

    private static Duration smallestTimeout(FerryConfig config) {
        Duration smallest = Duration.ofSeconds(4);
        for (ServerConfig server : config.servers()) {
            var t = server.timeouts();
            for (Duration d : new Duration[] {t.login(), t.idle(), t.stalled(), t.noTransfer()}) {
                if (!d.isZero() && d.compareTo(smallest) < 0) {
                    smallest = d;
                }
            }
        }
        return smallest;
    }

    private void checkTimers() {
        long now = System.nanoTime();
        for (Session session : registry.snapshot()) {
            try {
                session.checkTimers(now);
            } catch (RuntimeException e) {
                LOG.warn("timer check failed for session {}", session.id(), e);
            }
        }
    }

    public FerryConfig config() {
        return config;
    }

    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    public int sessionCount() {
        return registry.size();
    }

    /**
     * Graceful stop: no new connections; transfers get up to the configured grace to finish;
     * then every session is told 421 and closed.
     */
    public void stop() {
        stopLock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
        } finally {
            stopLock.unlock();
        }
        registry.close(); // before the snapshot below, so no session can slip past it
        listeners.forEach(Listener::close);
        long deadline = System.nanoTime() + config.main().timeouts().shutdownGrace().toNanos();
        while (System.nanoTime() < deadline && registry.snapshot().stream().anyMatch(Session::hasActiveTransfer)) {
            sleep(50);
        }
        for (Session session : registry.snapshot()) {
            session.shutdown("Server shutting down");
        }
        long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.size() > 0 && System.nanoTime() < closeDeadline) {
            sleep(20);
        }
        timer.shutdownNow();
        transferThreads.shutdown();
        for (Listener listener : listeners) {
            try {
                listener.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("server stopped");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
