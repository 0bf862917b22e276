package dev.ferry.config.proftpd;

import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.auth.sql.SqlDatabase;
import dev.ferry.auth.sql.SqlField;
import dev.ferry.auth.sql.SqlLookup;
import dev.ferry.auth.sql.SqlQuery;
import dev.ferry.auth.sql.SqlSettings;
import dev.ferry.config.file.ConfigNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * ProFTPD mod_sql's directives for one server (doc/contrib/mod_sql.html), the part that looks
 * users up: {@code SQLBackend}, {@code SQLEngine}, {@code SQLAuthenticate},
 * {@code SQLConnectInfo}, {@code SQLAuthTypes} (with mod_sql_passwd's digests),
 * {@code SQLUserInfo} (table and columns, or {@code custom:/NAME} with {@code SQLNamedQuery}),
 * {@code SQLUserWhereClause}, {@code SQLGroupInfo} and {@code SQLDefaultHomedir}. The queries are
 * built here from the table and column names and run as prepared statements. Logging to the
 * database ({@code SQLLog}) and mod_sql's ratio tables are refused as not supported yet;
 * settings about uids and gids are accepted with a notice, since Ferry runs as one system user.
 */
final class SqlDirectives {
    /** A table or column name as mod_sql puts it into its queries: no quoting, no expressions. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private ConfigNode first;
    private Optional<String> backend = Optional.empty();
    private boolean engine = true;
    private boolean authenticateUsers = true;
    private boolean authenticateGroups = true;
    private ConfigNode connectInfo;
    private final List<PasswordFormat> formats = new ArrayList<>();
    private ConfigNode userInfo;
    private ConfigNode groupInfo;
    private Optional<String> userWhere = Optional.empty();
    private Optional<Path> defaultHome = Optional.empty();
    private final Map<String, String> namedQueries = new HashMap<>();

    /** Reads {@code d} if it is one of mod_sql's; false when it is not. */
    boolean read(ConfigNode d, BiConsumer<ConfigNode, String> notice) throws Values.Invalid {
        String name = d.name().toLowerCase(Locale.ROOT);
        if (!name.startsWith("sql")) {
            return false;
        }
        switch (name) {
            case "sqlbackend" -> backend = Optional.of(Values.one(d).toLowerCase(Locale.ROOT));
            case "sqlengine" -> engine = switch (Values.one(d).toLowerCase(Locale.ROOT)) {
                case "on", "auth", "yes", "true" -> true;
                case "off", "no", "false" -> false;
                case "log" -> throw new Values.Invalid("SQLEngine log is not supported yet (SQLLog)");
                default -> throw new Values.Invalid("SQLEngine takes on, off or auth");
            };
            case "sqlauthenticate" -> authenticate(d);
            case "sqlconnectinfo" -> {
                Values.count(d, 1, 4);
                connectInfo = d;
            }
            case "sqlauthtypes" -> {
                Values.count(d, 1, Integer.MAX_VALUE);
                formats.clear();
                for (String type : d.args()) {
                    formats.add(authType(type));
                }
            }
            case "sqluserinfo" -> {
                Values.count(d, 1, 7);
                if (d.args().size() != 1 && d.args().size() != 7) {
                    throw new Values.Invalid("SQLUserInfo takes the table and six columns (user, password, uid, gid, "
                            + "home, shell), or custom:/NAME");
                }
                userInfo = d;
            }
            case "sqlgroupinfo" -> {
                Values.count(d, 1, 4);
                if (d.args().size() != 1 && d.args().size() != 4) {
                    throw new Values.Invalid("SQLGroupInfo takes the table and three columns (name, gid, members), "
                            + "or custom:/NAME");
                }
                groupInfo = d;
            }
            case "sqluserwhereclause" -> userWhere = Optional.of(Values.one(d));
            case "sqldefaulthomedir" -> {
                Path home = Path.of(Values.one(d));
                if (!home.isAbsolute()) {
                    throw new Values.Invalid("SQLDefaultHomedir needs an absolute directory");
                }
                defaultHome = Optional.of(home.normalize());
            }
            case "sqlnamedquery" -> {
                Values.count(d, 3, Integer.MAX_VALUE);
                if (!d.args().get(1).equalsIgnoreCase("SELECT")) {
                    throw new Values.Invalid("SQLNamedQuery " + d.args().get(1) + " is not supported yet: only "
                            + "SELECT queries, for SQLUserInfo and SQLGroupInfo custom:/NAME");
                }
                namedQueries.put(d.args().get(0), d.args().get(2));
            }
            case "sqlminid", "sqlminuseruid", "sqlminusergid", "sqldefaultuid", "sqldefaultgid" ->
                    notice.accept(d, d.name() + " changes nothing: files belong to the system user Ferry runs as");
            case "sqllogfile" -> notice.accept(d, "SQLLogFile changes nothing: database errors go to Ferry's log");
            case "sqloptions" -> notice.accept(d, "SQLOptions changes nothing: Ferry keeps a few connections open "
                    + "and opens them when a login needs one");
            case "sqlpasswordengine" -> {
                if (!Values.onOff(d)) {
                    throw new Values.Invalid("SQLPasswordEngine off is not supported: Ferry always checks the "
                            + "digests SQLAuthTypes names");
                }
            }
            case "sqlpasswordencoding" -> notice.accept(d, "SQLPasswordEncoding changes nothing: digests are "
                    + "accepted in hex of either case and in base64");
            default -> throw new Values.Invalid(d.name() + " is not supported yet");
        }
        if (first == null) {
            first = d;
        }
        return true;
    }

    private void authenticate(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, 4);
        authenticateUsers = false;
        authenticateGroups = false;
        for (String arg : d.args()) {
            switch (arg.toLowerCase(Locale.ROOT)) {
                case "on" -> {
                    authenticateUsers = true;
                    authenticateGroups = true;
                }
                case "off" -> {
                }
                case "users", "userset", "usersetfast" -> authenticateUsers = true;
                case "groups", "groupset", "groupsetfast" -> authenticateGroups = true;
                default -> throw new Values.Invalid("SQLAuthenticate takes on, off, users, groups, userset, groupset");
            }
        }
    }

    private static PasswordFormat authType(String type) throws Values.Invalid {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "backend" -> throw new Values.Invalid("SQLAuthTypes Backend (the database's own PASSWORD()) is not "
                    + "supported: use Crypt, or a digest");
            case "empty" -> throw new Values.Invalid("SQLAuthTypes Empty is not supported: it lets any password in "
                    + "for an empty stored one");
            case "pbkdf2" -> throw new Values.Invalid("SQLAuthTypes PBKDF2 is not supported yet");
            default -> PasswordFormat.named(type).orElseThrow(() -> new Values.Invalid("SQLAuthTypes " + type
                    + " is unknown; use Crypt, Plaintext, OpenSSL, MD5, SHA1, SHA256, SHA512, Argon2, Scrypt or Bcrypt"));
        };
    }

    /**
     * The account source these directives describe, or empty when they describe none (no
     * {@code SQLConnectInfo}, {@code SQLEngine off}, or users not looked up).
     */
    Optional<SqlSettings> settings(BiConsumer<ConfigNode, String> error, BiConsumer<ConfigNode, String> notice) {
        if (first == null) {
            return Optional.empty();
        }
        if (!engine || !authenticateUsers) {
            return Optional.empty();
        }
        if (connectInfo == null) {
            error.accept(first, "mod_sql needs SQLConnectInfo to look users up");
            return Optional.empty();
        }
        if (formats.isEmpty()) {
            error.accept(connectInfo, "mod_sql needs SQLAuthTypes, e.g. SQLAuthTypes Crypt");
            return Optional.empty();
        }
        try {
            SqlDatabase database = database(notice);
            List<SqlLookup> lookups = List.of(userLookup());
            Optional<SqlQuery> groups = authenticateGroups && groupInfo != null ? Optional.of(groupQuery())
                    : Optional.empty();
            return Optional.of(new SqlSettings(database, lookups, groups, formats, defaultHome,
                    SqlSettings.DEFAULT_TIMEOUT));
        } catch (Values.Invalid | IllegalArgumentException e) {
            error.accept(at, e.getMessage());
            return Optional.empty();
        }
    }

    /** Where the last problem was found, for {@link #settings}' error. */
    private ConfigNode at;

    private SqlDatabase database(BiConsumer<ConfigNode, String> notice) throws Values.Invalid {
        at = connectInfo;
        List<String> args = connectInfo.args();
        String info = args.getFirst();
        Optional<String> user = args.size() > 1 ? Optional.of(args.get(1)) : Optional.empty();
        Optional<String> password = args.size() > 2 ? Optional.of(args.get(2)) : Optional.empty();
        if (args.size() > 3) {
            notice.accept(connectInfo, "SQLConnectInfo's connection policy (" + args.get(3) + ") changes nothing: "
                    + "Ferry keeps a few connections open and opens them when a login needs one");
        }
        String kind = backend.orElseGet(() -> {
            notice.accept(connectInfo, "no SQLBackend: mysql, as ProFTPD's first backend");
            return "mysql";
        });
        return switch (kind) {
            case "sqlite3", "sqlite" -> SqlDatabase.sqlite(Path.of(info));
            case "mysql", "postgres", "postgresql" -> {
                int atSign = info.indexOf('@');
                String name = atSign < 0 ? info : info.substring(0, atSign);
                String hostPort = atSign < 0 ? "localhost" : info.substring(atSign + 1);
                String host = hostPort;
                int port = 0;
                int colon = hostPort.lastIndexOf(':');
                if (colon > 0 && !hostPort.endsWith("]") && hostPort.indexOf(':') == colon) {
                    host = hostPort.substring(0, colon);
                    port = Values.count(connectInfo, hostPort.substring(colon + 1), 1);
                }
                if (name.isEmpty() || host.isEmpty()) {
                    throw new Values.Invalid("SQLConnectInfo takes DATABASE@HOST[:PORT] [USER [PASSWORD]]");
                }
                yield kind.equals("mysql") ? SqlDatabase.mysql(host, port, Optional.empty(), name, user, password)
                        : SqlDatabase.postgresql(host, port, name, user, password);
            }
            default -> throw new Values.Invalid("SQLBackend " + kind + " is unknown; use mysql, postgres or sqlite3");
        };
    }

    /** mod_sql's user query: SELECT the password, uid, gid, home and shell columns of the named user. */
    private SqlLookup userLookup() throws Values.Invalid {
        List<SqlField> columns = List.of(SqlField.PASSWORD, SqlField.UNUSED, SqlField.UNUSED, SqlField.HOME,
                SqlField.SHELL);
        if (userInfo == null) {
            // mod_sql's defaults: table users, columns userid passwd uid gid homedir shell
            return new SqlLookup(userQuery("users", "userid", List.of("passwd", "uid", "gid", "homedir", "shell")),
                    columns);
        }
        at = userInfo;
        List<String> args = userInfo.args();
        if (args.size() == 1) {
            // mod_sql: a custom user query returns name, password, uid, gid, home and shell
            return new SqlLookup(named(args.getFirst()), List.of(SqlField.UNUSED, SqlField.PASSWORD, SqlField.UNUSED,
                    SqlField.UNUSED, SqlField.HOME, SqlField.SHELL));
        }
        return new SqlLookup(userQuery(args.get(0), args.get(1), args.subList(2, 7)), columns);
    }

    private SqlQuery userQuery(String table, String userColumn, List<String> columns) throws Values.Invalid {
        identifier(table);
        identifier(userColumn);
        identifier(columns.getFirst());
        List<String> selected = new ArrayList<>();
        for (String column : columns) {
            // mod_sql takes NULL for a column the table lacks
            selected.add(column.equalsIgnoreCase("NULL") ? "NULL" : identifier(column));
        }
        String where = "(" + userColumn + " = ?)" + userWhere.map(w -> " AND (" + w + ")").orElse("");
        String sql = "SELECT " + String.join(", ", selected) + " FROM " + table + " WHERE " + where;
        return new SqlQuery(sql, sql, List.of(SqlQuery.Parameter.LOGIN));
    }

    /**
     * mod_sql's group lookup: the groups whose gid is the user's and those whose member list
     * names the user. LIKE needs its wildcards escaped, since {@code _} may be part of a name.
     */
    private SqlQuery groupQuery() throws Values.Invalid {
        at = groupInfo;
        List<String> args = groupInfo.args();
        if (args.size() == 1) {
            return named(args.getFirst());
        }
        String table = identifier(args.get(0));
        String name = identifier(args.get(1));
        String gid = identifier(args.get(2));
        String members = identifier(args.get(3));
        String usersTable = "users";
        String userColumn = "userid";
        String userGid = "gid";
        if (userInfo != null && userInfo.args().size() == 7) {
            usersTable = userInfo.args().get(0);
            userColumn = userInfo.args().get(1);
            userGid = userInfo.args().get(4);
        }
        String byGid = userGid.equalsIgnoreCase("NULL") ? ""
                : gid + " IN (SELECT " + userGid + " FROM " + usersTable + " WHERE " + userColumn + " = ?) OR ";
        String sql = "SELECT " + name + " FROM " + table + " WHERE " + byGid + members + " = ? OR " + members
                + " LIKE ? ESCAPE '!' OR " + members + " LIKE ? ESCAPE '!' OR " + members + " LIKE ? ESCAPE '!'";
        List<SqlQuery.Parameter> parameters = new ArrayList<>();
        if (!byGid.isEmpty()) {
            parameters.add(SqlQuery.Parameter.LOGIN);
        }
        parameters.addAll(List.of(SqlQuery.Parameter.LOGIN, SqlQuery.Parameter.LOGIN_FIRST_MEMBER,
                SqlQuery.Parameter.LOGIN_MIDDLE_MEMBER, SqlQuery.Parameter.LOGIN_LAST_MEMBER));
        return new SqlQuery(sql, sql, parameters);
    }

    private SqlQuery named(String reference) throws Values.Invalid {
        if (!reference.startsWith("custom:/")) {
            throw new Values.Invalid("expected custom:/NAME, not " + reference);
        }
        String name = reference.substring("custom:/".length());
        String text = namedQueries.get(name);
        if (text == null) {
            throw new Values.Invalid("no SQLNamedQuery " + name + " SELECT \"...\" in this server");
        }
        return SqlQuery.parse("SELECT " + text, SqlQuery.Placeholders.PROFTPD);
    }

    private static String identifier(String name) throws Values.Invalid {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new Values.Invalid("'" + name + "' is not a table or column name");
        }
        return name;
    }
}
