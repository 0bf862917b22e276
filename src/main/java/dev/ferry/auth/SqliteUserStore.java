package dev.ferry.auth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The default user store: one SQLite file in the data directory.
 *
 * <p>The server keeps the store open while {@code ferry user ...} in another process edits the
 * same file, so the database runs in WAL mode (readers never block the writer) with a busy
 * timeout for the moments when two writers meet. Within this process one connection serves all
 * callers, one at a time; lookups are a single indexed query, so the lock is held only briefly.
 */
public final class SqliteUserStore implements UserStore {

    /** Stored in {@code PRAGMA user_version}; bump it together with a migration in {@link #prepareSchema}. */
    static final int SCHEMA_VERSION = 3;

    private static final int BUSY_TIMEOUT_MS = 5_000;

    // "groups" is quoted throughout: GROUPS is an SQL keyword (window frames), even if SQLite
    // would still accept it bare.
    private static final String COLUMNS =
            "name, password_hash, home, enabled, max_sessions, upload_bps, download_bps, quota_bytes, quota_files,"
                    + " \"groups\", ratio_upload, ratio_download";
    private static final String NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final PreparedStatement find;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement list;
    private boolean closed;

    private SqliteUserStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.find = connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE name = ?");
        this.insert = connection.prepareStatement("INSERT INTO users (" + COLUMNS + ", created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + NOW + ", " + NOW + ") ON CONFLICT (name) DO NOTHING");
        this.update = connection.prepareStatement("UPDATE users SET password_hash = ?, home = ?, enabled = ?,"
                + " max_sessions = ?, upload_bps = ?, download_bps = ?, quota_bytes = ?, quota_files = ?,"
                + " \"groups\" = ?, ratio_upload = ?, ratio_download = ?,"
                + " updated_at = " + NOW + " WHERE name = ?");
        this.delete = connection.prepareStatement("DELETE FROM users WHERE name = ?");
        this.list = connection.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY name");
    }

    /**
     * Opens the database at {@code dbFile}, creating it (readable by the owner only), its parent
     * directories and the schema if they are missing.
     *
     * @throws UserStoreException if the file cannot be created or opened, is not a Ferry user
     *                            database, or was written by a newer Ferry
     */
    public static SqliteUserStore open(Path dbFile) {
        Path file = dbFile.toAbsolutePath().normalize();
        createPrivately(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Writers take the write lock up front, so two writers queue on the busy timeout
        // instead of one failing at once when it tries to upgrade a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = null;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file);
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
            }
            prepareSchema(file, connection);
            return new SqliteUserStore(file, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof UserStoreException use) {
                throw use;
            }
            throw new UserStoreException("cannot open user database " + file + ": " + describe(e), e);
        }
    }

    private static void createPrivately(Path file) {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(file)) {
                return;
            }
            // Create the (empty, which SQLite accepts) file ourselves so that it is never readable
            // by others, not even between SQLite creating it and a chmod. The -wal and -shm files
            // SQLite adds later copy these permissions.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process created it first; it is theirs to have set up.
        } catch (IOException e) {
            throw new UserStoreException("cannot create user database " + file + ": " + e, e);
        }
    }

    private static void prepareSchema(Path file, Connection connection) throws SQLException {
        // One transaction, so that a server and the CLI starting on a fresh directory at the same
        // moment do not both try to create the table.
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new UserStoreException("user database " + file + " has schema version " + version
                        + ", but this Ferry only knows up to " + SCHEMA_VERSION + "; upgrade Ferry");
            }
            if (version == 0) {
                st.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS users (
                            name          TEXT PRIMARY KEY,
                            password_hash TEXT NOT NULL,
                            home          TEXT NULL,
                            enabled       INTEGER NOT NULL,
                            max_sessions  INTEGER,
                            upload_bps    INTEGER,
                            download_bps  INTEGER,
                            quota_bytes   INTEGER,
                            quota_files   INTEGER,
                            created_at    TEXT,
                            updated_at    TEXT,
                            "groups"      TEXT,
                            ratio_upload  INTEGER,
                            ratio_download INTEGER
                        )""");
            }
            if (version == 1) {
                // Version 2 added group membership: comma-separated, sorted; NULL for none.
                st.executeUpdate("ALTER TABLE users ADD COLUMN \"groups\" TEXT");
            }
            if (version == 1 || version == 2) {
                // Version 3 added the upload/download ratio; NULL for none.
                st.executeUpdate("ALTER TABLE users ADD COLUMN ratio_upload INTEGER");
                st.executeUpdate("ALTER TABLE users ADD COLUMN ratio_download INTEGER");
            }
            if (version < SCHEMA_VERSION) {
                st.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The database file (absolute). */
    public Path file() {
        return file;
    }

    @Override
    public Optional<StoredUser> find(String name) {
        // Nothing invalid can be stored, and USER passes whatever the client sent.
        if (!UserNames.isValid(name)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            ensureOpen();
            find.setString(1, name);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() ? Optional.of(toUser(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("look up user '" + name + "'", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void add(StoredUser user) {
        lock.lock();
        try {
            ensureOpen();
            insert.setString(1, user.name());
            bindDetails(insert, 2, user);
            if (insert.executeUpdate() == 0) {
                throw new UserStoreException("user '" + user.name() + "' already exists");
            }
        } catch (SQLException e) {
            throw failure("add user '" + user.name() + "'", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void update(StoredUser user) {
        lock.lock();
        try {
            ensureOpen();
            int next = bindDetails(update, 1, user);
            update.setString(next, user.name());
            if (update.executeUpdate() == 0) {
                throw new UserStoreException("no such user '" + user.name() + "'");
            }
        } catch (SQLException e) {
            throw failure("update user '" + user.name() + "'", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(String name) {
        if (!UserNames.isValid(name)) {
            return false;
        }
        lock.lock();
        try {
            ensureOpen();
            delete.setString(1, name);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete user '" + name + "'", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<StoredUser> list() {
        lock.lock();
        try {
            ensureOpen();
            List<StoredUser> users = new ArrayList<>();
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    users.add(toUser(rs));
                }
            }
            return List.copyOf(users);
        } catch (SQLException e) {
            throw failure("list users", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(connection);   // also closes its statements
        } finally {
            lock.unlock();
        }
    }

    /** Binds password hash through the ratio, starting at {@code index}; returns the next index. */
    private static int bindDetails(PreparedStatement st, int index, StoredUser user) throws SQLException {
        UserLimits limits = user.limits();
        st.setString(index++, user.passwordHash());
        st.setString(index++, user.home().map(Path::toString).orElse(null));
        st.setInt(index++, user.enabled() ? 1 : 0);
        bindLimit(st, index++, limits.maxSessions());
        bindLimit(st, index++, limits.uploadBytesPerSec());
        bindLimit(st, index++, limits.downloadBytesPerSec());
        bindLimit(st, index++, limits.quotaBytes());
        bindLimit(st, index++, limits.quotaFiles());
        // NULL rather than "" for no groups, for the same reason as the limits below.
        if (user.groups().isEmpty()) {
            st.setNull(index++, Types.VARCHAR);
        } else {
            st.setString(index++, GroupNames.formatList(user.groups()));
        }
        bindLimit(st, index++, limits.ratioUpload());
        bindLimit(st, index++, limits.ratioDownload());
        return index;
    }

    // 0 ("no limit of its own") is stored as NULL, which reads better to anyone opening the file
    // with the sqlite3 shell, and is what a hand-inserted row without limits looks like.
    private static void bindLimit(PreparedStatement st, int index, long value) throws SQLException {
        if (value == 0) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setLong(index, value);
        }
    }

    private StoredUser toUser(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        try {
            String home = rs.getString("home");
            UserLimits limits = new UserLimits(
                    Math.toIntExact(rs.getLong("max_sessions")),
                    rs.getLong("upload_bps"),
                    rs.getLong("download_bps"),
                    rs.getLong("quota_bytes"),
                    rs.getLong("quota_files"),
                    rs.getLong("ratio_upload"),
                    rs.getLong("ratio_download"));
            return new StoredUser(name, rs.getString("password_hash"),
                    home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home)),
                    rs.getInt("enabled") != 0, limits, GroupNames.parseList(rs.getString("groups")));
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            // Only reachable through rows written by hand.
            throw new UserStoreException("user database " + file + " has an invalid row for '" + name + "': "
                    + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new UserStoreException("user database " + file + " is closed");
        }
    }

    private UserStoreException failure(String action, SQLException e) {
        // SQLITE_BUSY (5) and its extended codes: the other process held the lock past the timeout.
        if ((e.getErrorCode() & 0xff) == 5) {
            return new UserStoreException("cannot " + action + ": user database " + file
                    + " is locked by another process; try again", e);
        }
        return new UserStoreException("cannot " + action + " in " + file + ": " + describe(e), e);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing left to do for a connection being thrown away.
        }
    }
}
