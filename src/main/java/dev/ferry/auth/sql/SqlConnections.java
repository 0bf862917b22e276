package dev.ferry.auth.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A few open connections to one account database, kept between logins so that a login costs
 * queries, not a connection set-up (a TLS handshake and an authentication exchange with a
 * database server). Connections are opened on demand, so a database that is down when Ferry
 * starts only refuses the logins made while it is down.
 */
final class SqlConnections implements AutoCloseable {
    private static final int MAX_IDLE = 4;

    private final SqlDatabase database;
    private final int timeoutSeconds;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    SqlConnections(SqlDatabase database, int timeoutSeconds) {
        this.database = database;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** What a piece of work does with a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection. A kept connection may have been closed by the server
     * since (a restart, an idle timeout): if the work fails on one, it runs once more on a new
     * connection before the failure counts.
     */
    <T> T use(Work<T> work) throws SQLException {
        Connection kept = take();
        if (kept != null) {
            try {
                T result = work.run(kept);
                give(kept);
                return result;
            } catch (SQLException e) {
                quietlyClose(kept);
            }
        }
        Connection fresh = DriverManager.getConnection(database.url(), database.properties(timeoutSeconds));
        try {
            T result = work.run(fresh);
            give(fresh);
            return result;
        } catch (SQLException | RuntimeException e) {
            quietlyClose(fresh);
            throw e;
        }
    }

    private Connection take() {
        lock.lock();
        try {
            return idle.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void give(Connection connection) {
        lock.lock();
        try {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        } finally {
            lock.unlock();
        }
        quietlyClose(connection);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.forEach(SqlConnections::quietlyClose);
            idle.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that cannot even close is gone either way
        }
    }
}
