package dev.ferry.server;

import dev.ferry.config.AnonymousConfig;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.SessionLimits;
import dev.ferry.config.SessionLimits.Refusals;
import dev.ferry.session.Session;
import dev.ferry.session.SessionSlot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live sessions, and the counts behind {@code MaxClients}, {@code MaxClientsPerHost} and
 * {@code MaxClientsPerUser}, and {@code MaxClients} of an {@code <Anonymous>} area (Pure-FTPd's
 * {@code -y USERS:ANONYMOUS}). As in ProFTPD, each server or virtual host counts its own clients;
 * a session moves its count when RFC 7151 {@code HOST} picks another virtual host. A slot is
 * taken in {@link #admit} before a session exists and given back when it closes, so a burst of
 * connections cannot overshoot the limits.
 *
 * <p>Servers are told apart by their addresses and names, not by object identity, so that the
 * counts carry over a configuration reload: sessions admitted before it still count against the
 * same virtual host afterwards.
 */
public final class SessionRegistry {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ServerKey, Integer> perServer = new HashMap<>();
    private final Map<HostKey, Integer> perHost = new HashMap<>();
    private final Map<LoginKey, Integer> perLogin = new HashMap<>();
    private final Set<Session> sessions = new LinkedHashSet<>();
    private int admitted;
    private boolean closed;

    private record ServerKey(List<InetSocketAddress> binds, List<String> hostNames) {
        static ServerKey of(ServerConfig server) {
            return new ServerKey(server.binds(), server.hostNames());
        }
    }

    private record HostKey(ServerKey server, InetAddress client) {
    }

    /** What a login is counted as: its user, or the anonymous area that caps its own logins. */
    private sealed interface LoginKey {
    }

    private record UserKey(ServerKey server, String user) implements LoginKey {
    }

    private record AreaKey(ServerKey server, Path root) implements LoginKey {
    }

    /** Takes a slot on {@code server} for a new connection from {@code client}, if its limits allow. */
    public Admission admit(InetAddress client, ServerConfig server) {
        return admit(client, server, 0);
    }

    /**
     * As {@link #admit(InetAddress, ServerConfig)}, and refused while {@code maxInstances}
     * connections (ProFTPD's {@code MaxInstances}, every server together; 0 = no cap) are open.
     */
    public Admission admit(InetAddress client, ServerConfig server, int maxInstances) {
        lock.lock();
        try {
            if (closed) {
                return new Admission.Refused("Server shutting down");
            }
            if (maxInstances > 0 && admitted >= maxInstances) {
                return new Admission.Refused("Too many connections (" + maxInstances + "), try again later");
            }
            ServerKey key = ServerKey.of(server);
            Optional<String> full = roomFor(key, server.limits(), client);
            if (full.isPresent()) {
                return new Admission.Refused(full.get());
            }
            count(key, client, +1);
            admitted++;
            return new Admission.Admitted(new Slot(client, key, server));
        } finally {
            lock.unlock();
        }
    }

    /** Must hold the lock. */
    private Optional<String> roomFor(ServerKey key, SessionLimits limits, InetAddress client) {
        if (limits.maxSessions() > 0 && perServer.getOrDefault(key, 0) >= limits.maxSessions()) {
            return Optional.of(Refusals.text(limits.refusals().maxClients(), limits.maxSessions(),
                    "Too many users (" + limits.maxSessions() + "), try again later"));
        }
        if (limits.maxSessionsPerIp() > 0
                && perHost.getOrDefault(new HostKey(key, client), 0) >= limits.maxSessionsPerIp()) {
            return Optional.of(Refusals.text(limits.refusals().maxClientsPerHost(), limits.maxSessionsPerIp(),
                    "Too many connections from your address (" + limits.maxSessionsPerIp() + ")"));
        }
        return Optional.empty();
    }

    /** Must hold the lock. */
    private void count(ServerKey key, InetAddress client, int delta) {
        perServer.merge(key, delta, SessionRegistry::sumOrRemove);
        perHost.merge(new HostKey(key, client), delta, SessionRegistry::sumOrRemove);
    }

    private static Integer sumOrRemove(Integer a, Integer b) {
        int sum = a + b;
        return sum > 0 ? sum : null;
    }

    /**
     * Records a session that {@link #admit} let in; false once {@link #close} has been called, so
     * that a session admitted just before a stop cannot miss the stop's shutdown notice.
     */
    public boolean register(Session session) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            sessions.add(session);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Admits and registers nothing more: the server is stopping. */
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a registered session; its counts go back through its {@link SessionSlot}. */
    public void unregister(Session session) {
        lock.lock();
        try {
            sessions.remove(session);
        } finally {
            lock.unlock();
        }
    }

    public List<Session> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(sessions);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return admitted;
        } finally {
            lock.unlock();
        }
    }

    /** Sessions logged in as {@code user} on {@code server} now. */
    public int loggedIn(ServerConfig server, String user) {
        lock.lock();
        try {
            return perLogin.getOrDefault(new UserKey(ServerKey.of(server), user), 0);
        } finally {
            lock.unlock();
        }
    }

    private final class Slot implements SessionSlot {
        private final InetAddress client;
        private ServerKey server;
        private SessionLimits limits;
        private LoginKey login;
        private boolean released;

        Slot(InetAddress client, ServerKey server, ServerConfig config) {
            this.client = client;
            this.server = server;
            this.limits = config.limits();
        }

        @Override
        public Optional<String> moveTo(ServerConfig target) {
            lock.lock();
            try {
                ServerKey key = ServerKey.of(target);
                if (released || key.equals(server)) {
                    limits = target.limits();
                    return Optional.empty();
                }
                Optional<String> full = roomFor(key, target.limits(), client);
                if (full.isPresent()) {
                    return full;
                }
                dropUser();
                count(server, client, -1);
                count(key, client, +1);
                server = key;
                limits = target.limits();
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Optional<String> logIn(String name, Optional<AnonymousConfig> area, int ownLimit) {
            lock.lock();
            try {
                dropUser();
                if (released) {
                    return Optional.empty();
                }
                LoginKey key;
                int max;
                String refusal;
                if (area.isPresent() && area.get().maxClients() > 0) {
                    // an area's own cap replaces the per-user one: all its visitors share one account
                    key = new AreaKey(server, area.get().root());
                    max = area.get().maxClients();
                    refusal = Refusals.text(area.get().maxClientsText(), max,
                            "Sorry, the maximum number of allowed clients (" + max + ") are already connected.");
                } else {
                    key = new UserKey(server, name);
                    max = ownLimit > 0 ? ownLimit : limits.maxSessionsPerUser();
                    // ProFTPD's default MaxClientsPerUser message
                    refusal = Refusals.text(limits.refusals().maxClientsPerUser(), max,
                            "Sorry, the maximum number of clients (" + max + ") for this user are already connected.");
                }
                if (max > 0 && perLogin.getOrDefault(key, 0) >= max) {
                    return Optional.of(refusal);
                }
                perLogin.merge(key, 1, Integer::sum);
                login = key;
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void logOut() {
            lock.lock();
            try {
                dropUser();
            } finally {
                lock.unlock();
            }
        }

        /** Must hold the lock. */
        private void dropUser() {
            if (login != null) {
                perLogin.merge(login, -1, SessionRegistry::sumOrRemove);
                login = null;
            }
        }

        @Override
        public void release() {
            lock.lock();
            try {
                if (released) {
                    return;
                }
                released = true;
                dropUser();
                count(server, client, -1);
                admitted--;
            } finally {
                lock.unlock();
            }
        }
    }
}
