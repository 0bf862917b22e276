package dev.ferry.server;

import dev.ferry.config.SessionLimits;
import dev.ferry.session.Session;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live sessions, and the counts behind MaxClients / MaxClientsPerHost. A slot is taken in
 * {@link #admit} before a session exists and given back when it closes, so a burst of
 * connections cannot overshoot the limits.
 */
public final class SessionRegistry {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Set<Session> sessions = new LinkedHashSet<>();
    private int admitted;
    private boolean closed;

    public Admission admit(InetAddress client, SessionLimits limits) {
        lock.lock();
        try {
            if (closed) {
                return new Admission.Refused("Server shutting down");
            }
            if (limits.maxSessions() > 0 && admitted >= limits.maxSessions()) {
                return new Admission.Refused("Too many users (" + limits.maxSessions() + "), try again later");
            }
            int fromHere = perAddress.getOrDefault(client, 0);
            if (limits.maxSessionsPerIp() > 0 && fromHere >= limits.maxSessionsPerIp()) {
                return new Admission.Refused("Too many connections from your address (" + limits.maxSessionsPerIp() + ")");
            }
            perAddress.put(client, fromHere + 1);
            admitted++;
            return new Admission.Admitted();
        } finally {
            lock.unlock();
        }
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

    /** Gives back the slot {@link #admit} took, and forgets the session if it was registered. */
    public void release(InetAddress client, Session session) {
        lock.lock();
        try {
            if (session != null) {
                sessions.remove(session);
            }
            perAddress.computeIfPresent(client, (k, n) -> n > 1 ? n - 1 : null);
            admitted--;
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
}
