package dev.ferry.auth.sql;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query an administrator wrote, with placeholders for what the login supplies, turned into a
 * prepared statement: every placeholder becomes a bound parameter, so no login name can change
 * what the query means. Pure-FTPd splices an escaped name into the text instead; here a name
 * such as {@code x' OR '1'='1} is only ever a value.
 *
 * <p>Placeholders: Pure-FTPd's {@code \L} (login name), {@code \R} (client address) and
 * {@code \D} (client IPv4 address as a decimal number); ProFTPD's {@code %U} and {@code %u}
 * (login name) and {@code %a} (client address). A placeholder stands either alone
 * ({@code uid=\L}) or as a whole quoted literal ({@code User='\L'}); one inside a longer
 * literal ({@code '%\L%'}) cannot be a parameter and is refused when the query is read.
 *
 * @param text       the query as written
 * @param sql        the statement with {@code ?} for each placeholder
 * @param parameters what each {@code ?} is bound to, in order
 */
public record SqlQuery(String text, String sql, List<Parameter> parameters) {

    /** What a placeholder stands for. */
    public enum Parameter {
        LOGIN, CLIENT_ADDRESS, CLIENT_DECIMAL,
        /**
         * The login name as a LIKE pattern (escape character {@code !}) for a comma-separated
         * member list where it comes first, in the middle, or last (ProFTPD's SQLGroupInfo).
         */
        LOGIN_FIRST_MEMBER, LOGIN_MIDDLE_MEMBER, LOGIN_LAST_MEMBER
    }

    /** Whose placeholders a query is written with; the other's characters are plain text. */
    public enum Placeholders {
        /** {@code \L}, {@code \R}, {@code \D} (pure-ftpd's mysql.conf and pgsql.conf). */
        PURE_FTPD,
        /** {@code %U}, {@code %u}, {@code %a} (ProFTPD's {@code SQLNamedQuery}). */
        PROFTPD
    }

    public SqlQuery {
        Objects.requireNonNull(text);
        Objects.requireNonNull(sql);
        parameters = List.copyOf(parameters);
    }

    /**
     * Compiles {@code text}.
     *
     * @throws IllegalArgumentException for an empty query, a placeholder inside a longer quoted
     *                                  literal, an unterminated literal, or a placeholder Ferry
     *                                  cannot fill (Pure-FTPd's {@code \I} and {@code \P})
     */
    public static SqlQuery parse(String text, Placeholders style) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty SQL query");
        }
        StringBuilder sql = new StringBuilder();
        List<Parameter> parameters = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = literalEnd(text, i, style);
                String literal = text.substring(i + 1, end);
                Parameter whole = placeholderAt(literal, 0, style);
                if (whole != null && literal.length() == 2) {
                    sql.append('?');
                    parameters.add(whole);
                } else {
                    for (int j = 0; j < literal.length(); j++) {
                        if (placeholderAt(literal, j, style) != null) {
                            throw new IllegalArgumentException("a placeholder must be a whole quoted value ('\\L'), "
                                    + "not part of one: " + text);
                        }
                    }
                    refuseServerPlaceholders(literal, style, text);
                    sql.append(text, i, end + 1);
                }
                i = end + 1;
                continue;
            }
            Parameter p = placeholderAt(text, i, style);
            if (p != null) {
                sql.append('?');
                parameters.add(p);
                i += 2;
                continue;
            }
            if (c == '\\') {
                refuseServerPlaceholders(text.substring(i, Math.min(i + 2, text.length())), style, text);
            }
            sql.append(c);
            i++;
        }
        return new SqlQuery(text, sql.toString(), parameters);
    }

    /** Prepares this query on {@code connection} with the login's values bound. */
    PreparedStatement prepare(Connection connection, String login, InetAddress client, int timeoutSeconds)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(timeoutSeconds);
            for (int k = 0; k < parameters.size(); k++) {
                switch (parameters.get(k)) {
                    case LOGIN -> statement.setString(k + 1, login);
                    case CLIENT_ADDRESS -> statement.setString(k + 1, client.getHostAddress());
                    case CLIENT_DECIMAL -> statement.setLong(k + 1, decimal(client));
                    case LOGIN_FIRST_MEMBER -> statement.setString(k + 1, likeLiteral(login) + ",%");
                    case LOGIN_MIDDLE_MEMBER -> statement.setString(k + 1, "%," + likeLiteral(login) + ",%");
                    case LOGIN_LAST_MEMBER -> statement.setString(k + 1, "%," + likeLiteral(login));
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static long decimal(InetAddress client) {
        if (!(client instanceof Inet4Address)) {
            return 0;
        }
        long value = 0;
        for (byte b : client.getAddress()) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }

    /** Pure-FTPd's {@code \\I} and {@code \\P} need the address the client reached, which logins do not carry. */
    private static void refuseServerPlaceholders(String part, Placeholders style, String text) {
        if (style == Placeholders.PURE_FTPD && (part.contains("\\I") || part.contains("\\P"))) {
            throw new IllegalArgumentException("\\I and \\P (the server's address and port) are not supported yet in "
                    + "queries: " + text);
        }
    }

    /** The index of the quote closing the literal that opens at {@code open}; {@code ''} is a quote inside. */
    private static int literalEnd(String text, int open, Placeholders style) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && placeholderAt(text, i, style) == null) {
                i += 2; // MySQL's backslash escape
                continue;
            }
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated quoted value in: " + text);
    }

    private static Parameter placeholderAt(String s, int i, Placeholders style) {
        if (i + 1 >= s.length()) {
            return null;
        }
        char lead = s.charAt(i);
        char code = s.charAt(i + 1);
        if (lead == '\\' && style == Placeholders.PURE_FTPD) {
            return switch (code) {
                case 'L' -> Parameter.LOGIN;
                case 'R' -> Parameter.CLIENT_ADDRESS;
                case 'D' -> Parameter.CLIENT_DECIMAL;
                default -> null;
            };
        }
        if (lead == '%' && style == Placeholders.PROFTPD) {
            return switch (code) {
                case 'U', 'u' -> Parameter.LOGIN;
                case 'a' -> Parameter.CLIENT_ADDRESS;
                default -> null;
            };
        }
        return null;
    }
}
