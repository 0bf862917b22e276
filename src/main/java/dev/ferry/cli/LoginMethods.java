package dev.ferry.cli;

import dev.ferry.auth.AccountSource;
import dev.ferry.auth.ldap.PureFtpdLdapConf;
import dev.ferry.auth.sql.PureFtpdSqlConf;
import dev.ferry.auth.sql.SqlDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure-FTPd's {@code -l METHOD[:FILE]} (repeatable; the methods are asked in the order given):
 * {@code mysql:FILE}, {@code pgsql:FILE} and {@code ldap:FILE} read Pure-FTPd's configuration files for them,
 * {@code extauth:SOCKET} asks a pure-authd daemon,
 * {@code puredb}, {@code unix} and {@code pam} stand for Ferry's own users. Without {@code -l},
 * Ferry's own users are the only source.
 */
final class LoginMethods {

    /** How Ferry's own users stand in for Pure-FTPd's system and PureDB methods. */
    static final String OWN_USERS = "Ferry's own virtual users (DATA-DIR/users.db, managed with 'ferry user') "
            + "are asked in its place";

    private LoginMethods() {
    }

    /**
     * The sources the {@code -l} values name, in order, each once.
     *
     * @param notes receives what to tell the operator about methods Ferry stands in for
     * @throws IllegalArgumentException for an unknown method, a missing or unreadable file, or
     *                                  a mistake in one
     */
    static List<AccountSource> parse(List<String> methods, List<String> notes) {
        if (methods.isEmpty()) {
            return AccountSource.OWN_USERS_ONLY;
        }
        List<AccountSource> sources = new ArrayList<>();
        for (String method : methods) {
            String[] parts = method.strip().split(":", 2);
            String kind = parts[0].toLowerCase(Locale.ROOT);
            Path file = parts.length == 2 && !parts[1].isBlank() ? Path.of(parts[1].strip()) : null;
            AccountSource source = switch (kind) {
                case "unix", "pam" -> {
                    notes.add("-l " + kind + ": system accounts do not log in to Ferry; " + OWN_USERS);
                    yield new AccountSource.OwnUsers();
                }
                case "puredb" -> {
                    if (file != null) {
                        notes.add("-l puredb:" + file + ": that file is not read; " + OWN_USERS);
                    }
                    yield new AccountSource.OwnUsers();
                }
                case "mysql", "pgsql" -> {
                    if (file == null) {
                        throw new IllegalArgumentException("-l " + kind + " needs its configuration file: -l " + kind
                                + ":/etc/pure-ftpd/db/" + kind + ".conf");
                    }
                    yield new AccountSource.Sql(PureFtpdSqlConf.parse(kind.equals("mysql") ? SqlDatabase.Kind.MYSQL
                            : SqlDatabase.Kind.POSTGRESQL, file, notes));
                }
                case "ldap" -> {
                    if (file == null) {
                        throw new IllegalArgumentException("-l ldap needs its configuration file: -l "
                                + "ldap:/etc/pure-ftpd/db/ldap.conf");
                    }
                    yield new AccountSource.Ldap(PureFtpdLdapConf.parse(file, notes));
                }
                case "extauth" -> {
                    if (file == null || !file.isAbsolute()) {
                        throw new IllegalArgumentException("-l extauth needs the absolute path of pure-authd's socket: "
                                + "-l extauth:/var/run/ftpd.sock");
                    }
                    yield new AccountSource.ExtAuth(file);
                }
                default -> throw new IllegalArgumentException("-l " + parts[0] + " is unknown; use puredb, mysql:FILE, "
                        + "pgsql:FILE, ldap:FILE, extauth:SOCKET, unix or pam");
            };
            if (!sources.contains(source)) {
                sources.add(source);
            }
        }
        return sources;
    }
}
