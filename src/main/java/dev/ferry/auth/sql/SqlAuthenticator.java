package dev.ferry.auth.sql;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.Authenticator;
import dev.ferry.auth.GroupNames;
import dev.ferry.auth.HomeDirectory;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.UserNames;
import dev.ferry.auth.VerifiedPasswordCache;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.policy.AccessPolicy;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in an SQL database (ProFTPD's mod_sql, Pure-FTPd's {@code -l mysql:} and
 * {@code -l pgsql:}): the lookups run as prepared statements with the login name bound as a
 * value, then the password is checked here, in one of the configured {@link PasswordFormat}s,
 * never by the database. A user the password lookup finds no row for is not in this source, and
 * the next source is asked; a database that cannot be reached refuses the login instead, so that
 * an outage never hands a name to a source that should not have it.
 */
public final class SqlAuthenticator implements Authenticator, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlAuthenticator.class);
    private static final long MEGABYTE = 1024L * 1024;
    private static final long KILOBYTE = 1024;

    private final SqlSettings settings;
    private final SqlConnections connections;
    private final Optional<VerifiedPasswordCache> cache;

    public SqlAuthenticator(SqlSettings settings, Optional<VerifiedPasswordCache> cache) {
        this.settings = settings;
        this.connections = new SqlConnections(settings.database(), (int) Math.max(1, settings.timeout().toSeconds()));
        this.cache = cache;
    }

    @Override
    public AuthResult authenticate(String user, char[] password, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        Row row;
        try {
            row = connections.use(c -> read(c, user, client));
        } catch (SQLException e) {
            return unavailable(e);
        }
        if (row == null) {
            return new AuthResult.NotApplicable();
        }
        String stored = row.fields().get(SqlField.PASSWORD);
        if (stored == null || !passwordMatches(user, stored, password)) {
            return new AuthResult.Failure("wrong password");
        }
        return account(user, row);
    }

    @Override
    public AuthResult find(String user, InetAddress client) {
        if (!UserNames.isValid(user)) {
            return new AuthResult.NotApplicable();
        }
        try {
            Row row = connections.use(c -> read(c, user, client));
            return row == null ? new AuthResult.NotApplicable() : account(user, row);
        } catch (SQLException e) {
            return unavailable(e);
        }
    }

    private AuthResult unavailable(SQLException e) {
        LOG.warn("account database {} unavailable: {}", settings.database(), e.getMessage());
        return new AuthResult.Failure("account database unavailable: " + e.getMessage());
    }

    private boolean passwordMatches(String user, String stored, char[] password) {
        if (cache.isPresent() && cache.get().matches(user, stored, password)) {
            return true;
        }
        if (!PasswordFormat.matchesAny(settings.formats(), password, stored)) {
            return false;
        }
        cache.ifPresent(c -> c.remember(user, stored, password));
        return true;
    }

    private AuthResult account(String user, Row row) {
        Optional<String> home = Optional.ofNullable(row.fields().get(SqlField.HOME)).filter(h -> !h.isBlank())
                .or(() -> settings.defaultHome().map(Object::toString));
        if (home.isEmpty()) {
            return new AuthResult.Failure("no home directory for " + user + " in " + settings.database());
        }
        UserLimits limits;
        try {
            limits = new UserLimits(0, number(row, SqlField.UPLOAD_KBPS) * KILOBYTE,
                    number(row, SqlField.DOWNLOAD_KBPS) * KILOBYTE, number(row, SqlField.QUOTA_MEGABYTES) * MEGABYTE,
                    number(row, SqlField.QUOTA_FILES), number(row, SqlField.RATIO_UPLOAD),
                    number(row, SqlField.RATIO_DOWNLOAD));
        } catch (IllegalArgumentException e) {
            return new AuthResult.Failure("unusable limits for " + user + " in " + settings.database() + ": "
                    + e.getMessage());
        }
        return HomeDirectory.account(user, home.get(), Optional.ofNullable(row.fields().get(SqlField.SHELL)),
                row.groups(), AccessPolicy.FULL, limits);
    }

    /** A whole number column; empty, NULL or 0 mean "none of its own". */
    private static long number(Row row, SqlField field) {
        String value = row.fields().get(field);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new IllegalArgumentException(field.name().toLowerCase() + " is negative: " + n);
            }
            return Math.min(n, Long.MAX_VALUE / MEGABYTE);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.name().toLowerCase() + " is not a whole number: " + value);
        }
    }

    /** The user's row, or null when the password lookup finds none. */
    private Row read(Connection connection, String user, InetAddress client) throws SQLException {
        int timeout = (int) Math.max(1, settings.timeout().toSeconds());
        Map<SqlField, String> fields = new EnumMap<>(SqlField.class);
        SqlLookup first = settings.passwordLookup();
        if (!lookUp(connection, first, user, client, timeout, fields)) {
            return null;
        }
        for (SqlLookup lookup : settings.lookups()) {
            if (lookup != first) {
                lookUp(connection, lookup, user, client, timeout, fields);
            }
        }
        Set<String> groups = new HashSet<>();
        if (settings.groups().isPresent()) {
            try (PreparedStatement statement = settings.groups().get().prepare(connection, user, client, timeout);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String group = rows.getString(1);
                    if (group != null && GroupNames.isValid(group.strip())) {
                        groups.add(group.strip());
                    }
                }
            }
        }
        return new Row(fields, groups);
    }

    private static boolean lookUp(Connection connection, SqlLookup lookup, String user, InetAddress client,
                                  int timeout, Map<SqlField, String> fields) throws SQLException {
        try (PreparedStatement statement = lookup.query().prepare(connection, user, client, timeout);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return false;
            }
            int available = rows.getMetaData().getColumnCount();
            for (int i = 0; i < lookup.columns().size() && i < available; i++) {
                SqlField field = lookup.columns().get(i);
                if (field != SqlField.UNUSED) {
                    fields.put(field, rows.getString(i + 1));
                }
            }
            return true;
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    /** What the lookups gave: each field's text (absent or null: not given) and the groups. */
    private record Row(Map<SqlField, String> fields, Set<String> groups) {
    }
}
