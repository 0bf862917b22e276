package dev.ferry.auth.sql;

import dev.ferry.auth.password.PasswordFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pure-FTPd's {@code mysql.conf} and {@code pgsql.conf} ({@code -l mysql:FILE},
 * {@code -l pgsql:FILE}; README.MySQL and README.PGSQL): one {@code KEY value} per line, the
 * keys prefixed {@code MYSQL} or {@code PGSQL}. The queries keep Pure-FTPd's {@code \L}
 * (login), {@code \R} (client address) and {@code \D} (the same as a number) placeholders, which
 * become bound parameters (see {@link SqlQuery}).
 */
public final class PureFtpdSqlConf {

    /** The {@code GetXXX} keys and the column each gives, in the order they are run. */
    private static final Map<String, SqlField> LOOKUPS = lookups();

    private PureFtpdSqlConf() {
    }

    private static Map<String, SqlField> lookups() {
        Map<String, SqlField> m = new LinkedHashMap<>();
        m.put("getpw", SqlField.PASSWORD);
        m.put("getdir", SqlField.HOME);
        m.put("getqtafs", SqlField.QUOTA_FILES);
        m.put("getqtasz", SqlField.QUOTA_MEGABYTES);
        m.put("getratioul", SqlField.RATIO_UPLOAD);
        m.put("getratiodl", SqlField.RATIO_DOWNLOAD);
        m.put("getbandwidthul", SqlField.UPLOAD_KBPS);
        m.put("getbandwidthdl", SqlField.DOWNLOAD_KBPS);
        return m;
    }

    /**
     * Reads {@code file} for a database of {@code kind} (MYSQL or POSTGRESQL).
     *
     * @param notes receives a line for each setting that changes nothing in Ferry
     * @throws IllegalArgumentException "FILE:LINE: problem", or "FILE: problem" for what is missing
     */
    public static SqlSettings parse(SqlDatabase.Kind kind, Path file, List<String> notes) {
        String prefix = switch (kind) {
            case MYSQL -> "mysql";
            case POSTGRESQL -> "pgsql";
            case SQLITE -> throw new IllegalArgumentException("Pure-FTPd has no SQLite backend");
        };
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String where = file + ":" + (n + 1) + ": ";
            if (!key.startsWith(prefix)) {
                throw new IllegalArgumentException(where + "unknown setting " + kv[0] + " (this file's settings "
                        + "start with " + prefix.toUpperCase(Locale.ROOT) + ")");
            }
            if (kv.length < 2) {
                throw new IllegalArgumentException(where + kv[0] + " needs a value");
            }
            values.put(key.substring(prefix.length()), kv[1].strip());
            lineOf.put(key.substring(prefix.length()), n + 1);
            written.put(key.substring(prefix.length()), kv[0]);
        }
        String upper = prefix.toUpperCase(Locale.ROOT);
        List<SqlLookup> found = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String where = file + ":" + lineOf.get(key) + ": ";
            try {
                switch (key) {
                    case "server", "port", "socket", "user", "password", "database", "crypt" -> {
                    }
                    case "getuid", "getgid", "defaultuid", "defaultgid" -> notes.add(where + written.get(key)
                            + " changes nothing: files belong to the system user Ferry runs as");
                    case "forcetildeexpansion" -> notes.add(where + written.get(key) + " changes nothing: "
                            + "Ferry never expands ~ in a home directory");
                    case "transactions" -> notes.add(where + written.get(key) + " changes nothing: Ferry only "
                            + "reads the accounts");
                    default -> {
                        SqlField field = LOOKUPS.get(key);
                        if (field == null) {
                            throw new IllegalArgumentException("unknown setting " + written.get(key));
                        }
                        found.add(new SqlLookup(SqlQuery.parse(e.getValue(), SqlQuery.Placeholders.PURE_FTPD),
                                field));
                    }
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ex.getMessage());
            }
        }
        found.sort((a, b) -> Integer.compare(order(a), order(b)));
        for (String required : List.of("GetPW", "GetDir", "Database")) {
            if (!values.containsKey(required.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(file + ": " + upper + required + " is missing");
            }
        }
        String server = values.getOrDefault("server", "localhost");
        int port = port(values.get("port"), file + ":" + lineOf.getOrDefault("port", 0) + ": ");
        Optional<String> user = Optional.ofNullable(values.get("user"));
        Optional<String> password = Optional.ofNullable(values.get("password"));
        SqlDatabase database = switch (kind) {
            case MYSQL -> SqlDatabase.mysql(server, port, Optional.ofNullable(values.get("socket")).map(Path::of),
                    values.get("database"), user, password);
            case POSTGRESQL -> SqlDatabase.postgresql(server, port, values.get("database"), user, password);
            case SQLITE -> throw new IllegalStateException();
        };
        List<PasswordFormat> formats = formats(values.getOrDefault("crypt", "crypt"),
                file + ":" + lineOf.getOrDefault("crypt", 0) + ": ", upper);
        return new SqlSettings(database, found, Optional.empty(), formats, Optional.empty(),
                SqlSettings.DEFAULT_TIMEOUT);
    }

    private static int order(SqlLookup lookup) {
        return new ArrayList<>(LOOKUPS.values()).indexOf(lookup.columns().getFirst());
    }

    private static int port(String text, String where) {
        if (text == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + "not a port number: " + text);
    }

    /** Pure-FTPd's {@code *Crypt} values; {@code any} tries every hashed form, never plain text. */
    private static List<PasswordFormat> formats(String name, String where, String upper) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "any" -> PasswordFormat.ANY_HASH;
            case "cleartext", "crypt", "md5", "sha1", "argon2", "scrypt" ->
                    List.of(PasswordFormat.named(name).orElseThrow());
            case "password", "mysql" -> throw new IllegalArgumentException(where + upper + "Crypt " + name
                    + " (MySQL's PASSWORD() function) is not supported");
            default -> throw new IllegalArgumentException(where + upper + "Crypt " + name + " is unknown; use "
                    + "cleartext, crypt, md5, sha1, argon2, scrypt or any");
        };
    }
}
