package dev.ferry.auth.sql;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where an SQL account database is and how to log in to it.
 *
 * @param kind     which server (and JDBC driver)
 * @param url      the JDBC URL, built from the configuration's host, port and database name
 * @param user     the database user, if the database wants one
 * @param password that user's password
 */
public record SqlDatabase(Kind kind, String url, Optional<String> user, Optional<String> password) {

    /** The databases Ferry has drivers for. */
    public enum Kind {
        POSTGRESQL, MYSQL, SQLITE
    }

    public SqlDatabase {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(url);
        Objects.requireNonNull(user);
        Objects.requireNonNull(password);
    }

    /** A PostgreSQL database on {@code host} ({@code port} 0: the default, 5432). */
    public static SqlDatabase postgresql(String host, int port, String database, Optional<String> user,
                                         Optional<String> password) {
        return new SqlDatabase(Kind.POSTGRESQL, "jdbc:postgresql://" + hostPort(host, port) + "/" + database,
                user, password);
    }

    /** A MySQL or MariaDB database on {@code host}, or behind the Unix socket {@code socket}. */
    public static SqlDatabase mysql(String host, int port, Optional<Path> socket, String database,
                                    Optional<String> user, Optional<String> password) {
        String url = "jdbc:mariadb://" + hostPort(host, port) + "/" + database
                + socket.map(s -> "?localSocket=" + s).orElse("");
        return new SqlDatabase(Kind.MYSQL, url, user, password);
    }

    /** An SQLite database file. */
    public static SqlDatabase sqlite(Path file) {
        return new SqlDatabase(Kind.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), Optional.empty(),
                Optional.empty());
    }

    /** The driver properties: credentials, and timeouts so a dead server refuses logins instead of hanging them. */
    Properties properties(int timeoutSeconds) {
        Properties p = new Properties();
        user.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        switch (kind) {
            case POSTGRESQL -> {
                p.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
                p.setProperty("socketTimeout", Integer.toString(timeoutSeconds * 3));
                p.setProperty("ApplicationName", "ferry");
            }
            case MYSQL -> {
                p.setProperty("connectTimeout", Integer.toString(timeoutSeconds * 1000));
                p.setProperty("socketTimeout", Integer.toString(timeoutSeconds * 3000));
            }
            case SQLITE -> p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: Ferry only reads accounts
        }
        return p;
    }

    /** What logs and errors show: the URL without credentials. */
    @Override
    public String toString() {
        return url;
    }

    private static String hostPort(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port > 0 ? h + ":" + port : h;
    }
}
