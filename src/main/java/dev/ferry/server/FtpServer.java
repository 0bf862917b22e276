package dev.ferry.server;

import dev.ferry.auth.AccountResolver;
import dev.ferry.command.CommandTable;
import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.FerryConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.hook.UploadScripts;
import dev.ferry.log.syslog.SystemLog;
import dev.ferry.log.transfer.TransferLogs;
import dev.ferry.policy.quota.QuotaLedger;
import dev.ferry.session.Session;
import dev.ferry.session.SessionServices;
import dev.ferry.tls.KeyMaterial;
import dev.ferry.tls.TlsContexts;
import dev.ferry.tls.TlsSetupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's lifecycle: listeners up, a timer for session timeouts, live reload of the
 * configuration, and a graceful stop that lets running transfers finish for a bounded time
 * before closing every session with a 421.
 *
 * <p>A reload (ProFTPD howto "Stopping and Starting": the daemon re-reads its configuration on
 * SIGHUP, sessions already running are not affected) reads the {@link ConfigSource} again. A
 * configuration that fails to load, or whose new listen addresses cannot be bound, is refused
 * as a whole and the running one stays. Otherwise new connections get the new configuration,
 * while each running session keeps the {@link SessionServices} it started with until it ends.
 */
public final class FtpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FtpServer.class);

    private final ConfigSource source;
    private final AccountResolver accounts;
    private final boolean optionalBinds;
    private final SessionRegistry registry = new SessionRegistry();
    /** What a connection accepted now gets; a reload replaces it. */
    private final AtomicReference<SessionServices> services = new AtomicReference<>();
    /** The transfer logs, open for as long as the server runs; reloads reopen them. */
    private final TransferLogs transferLogs = new TransferLogs();
    /** Runs upload scripts, one at a time, for as long as the server runs. */
    private final UploadScripts uploadScripts = new UploadScripts();
    /**
     * By the address as configured rather than as bound, so that a reload keeps the listener of
     * an unchanged address even when it asked for port 0. Guarded by {@link #lifecycle}.
     */
    private final Map<ListenPoint, Listener> listeners = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    /** Pooled platform threads for transfers; idle ones end after a minute. */
    private final ExecutorService transferThreads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ftp-transfer-", 1).daemon(true).factory());
    /** Orders start, reloads and stop. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    private ScheduledFuture<?> timerTask;
    private long timerTickMillis = Long.MAX_VALUE;
    private boolean stopped;

    private FtpServer(ConfigSource source, AccountResolver accounts, boolean optionalBinds) {
        this.source = source;
        this.accounts = accounts;
        this.optionalBinds = optionalBinds;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("ftp-timer").unstarted(r));
    }

    /** Starts with {@code config}, which a reload keeps as it is. */
    public static FtpServer start(FerryConfig config, AccountResolver accounts, boolean optionalBinds)
            throws IOException {
        return start(config, ConfigSource.fixed(config), accounts, optionalBinds);
    }

    /**
     * Starts listening on every address of {@code config}, which {@code source} gave; a reload
     * reads {@code source} again. Binds that fail are reported together; if
     * {@code optionalBinds} is true a failing address is only logged as long as one succeeds
     * (the embedded default tries IPv6 loopback, which some hosts lack).
     */
    public static FtpServer start(FerryConfig config, ConfigSource source, AccountResolver accounts,
                                  boolean optionalBinds) throws IOException {
        for (ServerConfig s : config.servers()) {
            prepareAnonymousAreas(s);
        }
        List<ListenPoint> wanted = listenPoints(config);
        TlsContexts tls;
        try {
            tls = TlsContexts.load(config);
        } catch (TlsSetupException e) {
            throw new IOException(e.getMessage(), e);
        }
        FtpServer server = new FtpServer(source, accounts, optionalBinds);
        try {
            server.transferLogs.configure(config.transferLogs());
            if (!SystemLog.use(config.syslog(), config.systemLog()) && config.systemLog().isPresent()) {
                throw new IOException("cannot write the SystemLog file " + config.systemLog().get());
            }
        } catch (IOException e) {
            server.timer.shutdownNow();
            server.transferThreads.shutdown();
            throw e;
        }
        server.services.set(new SessionServices(config, CommandTable.standard(), accounts,
                SessionServices.poolsFor(config), server.transferThreads, tls, new QuotaLedger(), server.transferLogs,
                server.uploadScripts));
        List<String> failures = new ArrayList<>();
        for (ListenPoint point : wanted) {
            try {
                server.listeners.put(point, new Listener(point.address(), server.registry, server.services::get,
                        point.implicitTls()));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        if (server.listeners.isEmpty() || (!failures.isEmpty() && !optionalBinds)) {
            server.listeners.values().forEach(Listener::close);
            server.transferLogs.close();
            server.uploadScripts.close();
            server.timer.shutdownNow();
            server.transferThreads.shutdown();
            throw new IOException(String.join("; ", failures));
        }
        failures.forEach(f -> LOG.warn("{}", f));
        server.scheduleTimer(config);
        server.listeners.values().forEach(Listener::start);
        return server;
    }

    /** An address to listen on, as configured, and whether connections to it start with TLS. */
    private record ListenPoint(InetSocketAddress address, boolean implicitTls) {
    }

    /**
     * Every address to listen on: plain ones first, then implicit-FTPS ones.
     *
     * @throws IOException when one address (other than "any port") is configured both ways
     */
    private static List<ListenPoint> listenPoints(FerryConfig config) throws IOException {
        List<ListenPoint> all = new ArrayList<>();
        config.listenAddresses().forEach(a -> all.add(new ListenPoint(a, false)));
        for (ServerConfig server : config.servers()) {
            for (InetSocketAddress a : server.tls().implicitBinds()) {
                if (a.getPort() != 0 && all.contains(new ListenPoint(a, false))) {
                    throw new IOException(show(a) + " is configured both for plain FTP and for implicit FTPS");
                }
                if (!all.contains(new ListenPoint(a, true))) {
                    all.add(new ListenPoint(a, true));
                }
            }
        }
        return all;
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

    /**
     * Checks timers at a quarter of the smallest timeout. A reload only ever shortens the tick:
     * sessions of the previous configuration may still have its shorter timeouts.
     */
    private void scheduleTimer(FerryConfig config) {
        long tick = Math.min(timerTickMillis, Math.clamp(smallestTimeout(config).toMillis() / 4, 50, 1000));
        if (tick == timerTickMillis) {
            return;
        }
        if (timerTask != null) {
            timerTask.cancel(false);
        }
        timerTickMillis = tick;
        timerTask = timer.scheduleWithFixedDelay(this::checkTimers, tick, tick, TimeUnit.MILLISECONDS);
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

    /**
     * Reads the configuration source again and, if it is valid and its new addresses can be
     * bound, gives it to every connection accepted from now on. Running sessions keep theirs
     * and are never dropped, also when the address they came in on is no longer listened on.
     * Logs one line saying what changed, or why the new configuration was refused.
     */
    public ReloadOutcome reload() {
        lifecycle.lock();
        try {
            if (stopped) {
                return refused(List.of("the server is stopping"));
            }
            ConfigLoad load;
            try {
                load = source.load();
            } catch (RuntimeException e) {
                LOG.error("reading the configuration failed", e);
                load = new ConfigLoad.Failed(List.of("cannot read the configuration: " + e));
            }
            return switch (load) {
                case ConfigLoad.Failed failed -> refused(failed.errors());
                case ConfigLoad.Loaded loaded -> apply(loaded.config(), loaded.notes());
            };
        } finally {
            lifecycle.unlock();
        }
    }

    private ReloadOutcome apply(FerryConfig next, List<String> notes) {
        try {
            for (ServerConfig s : next.servers()) {
                prepareAnonymousAreas(s);
            }
        } catch (IOException e) {
            return refused(List.of("cannot create the anonymous area: " + e));
        }
        List<ListenPoint> wanted;
        TlsContexts tls;
        try {
            wanted = listenPoints(next);
            tls = TlsContexts.load(next);
        } catch (IOException | TlsSetupException e) {
            return refused(List.of(e.getMessage()));
        }
        Map<ListenPoint, Listener> added = new LinkedHashMap<>();
        for (ListenPoint point : wanted) {
            if (listeners.containsKey(point)) {
                continue;
            }
            try {
                added.put(point, new Listener(point.address(), registry, services::get, point.implicitTls()));
            } catch (IOException e) {
                if (!optionalBinds) {
                    added.values().forEach(Listener::close);
                    return refused(List.of(e.getMessage()));
                }
                LOG.warn("{}", e.getMessage());
            }
        }
        List<ListenPoint> gone = listeners.keySet().stream().filter(a -> !wanted.contains(a)).toList();
        if (added.isEmpty() && gone.size() == listeners.size()) {
            return refused(List.of("none of the new listen addresses can be bound"));
        }
        try {
            transferLogs.configure(next.transferLogs()); // opens them again: a rotated log is followed
        } catch (IOException e) {
            added.values().forEach(Listener::close);
            return refused(List.of(e.getMessage()));
        }
        if (!SystemLog.use(next.syslog(), next.systemLog()) && next.systemLog().isPresent()) {
            LOG.warn("cannot write the SystemLog file {}: the event log stays on standard output",
                    next.systemLog().get());
        }
        SessionServices previous = services.get();
        int sessionsBefore = registry.size();
        services.set(new SessionServices(next, previous.commands(), accounts,
                SessionServices.poolsFor(next, previous.passivePools()), transferThreads, tls, previous.quotas(),
                transferLogs, uploadScripts));
        added.values().forEach(Listener::start);
        listeners.putAll(added);
        accounts.backends().retainOnly(next.servers().stream()
                .flatMap(server -> server.logins().sources().stream()).collect(Collectors.toSet()));
        List<InetSocketAddress> closed = new ArrayList<>();
        for (ListenPoint point : gone) {
            Listener listener = listeners.remove(point);
            closed.add(listener.address());
            listener.close();
            join(listener);
        }
        scheduleTimer(next);
        String summary = summary(next, previous.config(), added.values().stream().map(Listener::address).toList(),
                closed, sessionsBefore);
        LOG.info("{}{}", summary, notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return new ReloadOutcome.Applied(summary, notes);
    }

    private static ReloadOutcome refused(List<String> errors) {
        LOG.error("configuration reload refused, the running configuration stays: {}", String.join("; ", errors));
        return new ReloadOutcome.Refused(errors);
    }

    private static String summary(FerryConfig next, FerryConfig previous, List<InetSocketAddress> added,
                                  List<InetSocketAddress> removed, int sessions) {
        StringBuilder s = new StringBuilder("configuration reloaded");
        next.source().ifPresent(file -> s.append(" from ").append(file));
        int servers = next.servers().size();
        s.append(": ").append(servers).append(servers == 1 ? " server" : " servers");
        if (servers != previous.servers().size()) {
            s.append(" (was ").append(previous.servers().size()).append(')');
        }
        if (!added.isEmpty()) {
            s.append("; now listening on ").append(String.join(", ", added.stream().map(FtpServer::show).toList()));
        }
        if (!removed.isEmpty()) {
            s.append("; no longer listening on ")
                    .append(String.join(", ", removed.stream().map(FtpServer::show).toList()));
        }
        s.append("; ").append(sessions).append(sessions == 1 ? " running session keeps" : " running sessions keep")
                .append(" the previous configuration");
        return s.toString();
    }

    private static String show(InetSocketAddress address) {
        return SocketAddressText.of(address);
    }

    /** The configuration new sessions get. */
    public FerryConfig config() {
        return services.get().config();
    }

    /** What new sessions get. */
    SessionServices services() {
        return services.get();
    }

    /** The bound plain FTP addresses (with the actual port where port 0 was asked for). */
    public List<InetSocketAddress> addresses() {
        lifecycle.lock();
        try {
            return listeners.values().stream().filter(l -> !l.implicitTls()).map(Listener::address).toList();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The bound implicit-FTPS addresses. */
    public List<InetSocketAddress> implicitTlsAddresses() {
        lifecycle.lock();
        try {
            return listeners.values().stream().filter(Listener::implicitTls).map(Listener::address).toList();
        } finally {
            lifecycle.unlock();
        }
    }

    /** The main server's certificate, when it has TLS on. */
    public Optional<KeyMaterial> certificate() {
        SessionServices current = services.get();
        return current.tls().forServer(current.config().main()).map(c -> c.material());
    }

    public int sessionCount() {
        return registry.size();
    }

    /**
     * Graceful stop: no new connections; transfers get up to the configured grace to finish;
     * then every session is told 421 and closed.
     */
    public void stop() {
        List<Listener> open;
        lifecycle.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            open = List.copyOf(listeners.values());
        } finally {
            lifecycle.unlock();
        }
        registry.close(); // before the snapshot below, so no session can slip past it
        open.forEach(Listener::close);
        long deadline = System.nanoTime() + config().main().timeouts().shutdownGrace().toNanos();
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
        accounts.backends().close();
        transferThreads.shutdown();
        open.forEach(FtpServer::join);
        transferLogs.close();
        uploadScripts.close();
        LOG.info("server stopped");
    }

    private static void join(Listener listener) {
        try {
            listener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
