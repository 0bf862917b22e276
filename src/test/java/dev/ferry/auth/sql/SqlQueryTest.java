package dev.ferry.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.sql.SqlQuery.Parameter;
import dev.ferry.auth.sql.SqlQuery.Placeholders;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Administrators' queries become prepared statements: placeholders are values, never SQL. */
class SqlQueryTest {

    @Test
    void pureFtpdPlaceholdersQuotedOrNotBecomeParameters() {
        SqlQuery q = SqlQuery.parse("SELECT Password FROM users WHERE User='\\L' AND Ip = '\\R' AND n = \\D",
                Placeholders.PURE_FTPD);
        assertThat(q.sql()).isEqualTo("SELECT Password FROM users WHERE User=? AND Ip = ? AND n = ?");
        assertThat(q.parameters()).containsExactly(Parameter.LOGIN, Parameter.CLIENT_ADDRESS, Parameter.CLIENT_DECIMAL);
    }

    @Test
    void proftpdPlaceholdersOnlyInProftpdQueries() {
        SqlQuery q = SqlQuery.parse("passwd FROM t WHERE name = '%U' OR name LIKE 'a%b'", Placeholders.PROFTPD);
        assertThat(q.sql()).isEqualTo("passwd FROM t WHERE name = ? OR name LIKE 'a%b'");
        assertThat(q.parameters()).containsExactly(Parameter.LOGIN);
        // In a Pure-FTPd query, % is just a character.
        SqlQuery p = SqlQuery.parse("SELECT x FROM t WHERE a LIKE '%U' AND u='\\L'", Placeholders.PURE_FTPD);
        assertThat(p.sql()).isEqualTo("SELECT x FROM t WHERE a LIKE '%U' AND u=?");
    }

    @Test
    void aPlaceholderInsideALongerLiteralIsRefused() {
        assertThatThrownBy(() -> SqlQuery.parse("SELECT p FROM t WHERE u LIKE '%\\L%'", Placeholders.PURE_FTPD))
                .hasMessageContaining("whole quoted value");
        assertThatThrownBy(() -> SqlQuery.parse("SELECT p FROM t WHERE u = 'x\\L'", Placeholders.PURE_FTPD))
                .hasMessageContaining("whole quoted value");
        assertThatThrownBy(() -> SqlQuery.parse("SELECT p FROM t WHERE u = '\\L", Placeholders.PURE_FTPD))
                .hasMessageContaining("unterminated");
    }

    @Test
    void serverAddressPlaceholdersAreRefusedNotSentAsText() {
        assertThatThrownBy(() -> SqlQuery.parse("SELECT p FROM t WHERE u='\\L' AND ip='\\I'", Placeholders.PURE_FTPD))
                .hasMessageContaining("not supported yet");
        assertThatThrownBy(() -> SqlQuery.parse("SELECT p FROM t WHERE port=\\P", Placeholders.PURE_FTPD))
                .hasMessageContaining("not supported yet");
    }

    /** The classic injection, as a login name: with the value bound it finds nobody. */
    @Test
    void anInjectedNameIsOnlyAValue(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("u.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE users (User TEXT, Password TEXT)");
                s.execute("INSERT INTO users VALUES ('alice', 'a'), ('bob', 'b')");
            }
            SqlQuery q = SqlQuery.parse("SELECT Password FROM users WHERE User='\\L'", Placeholders.PURE_FTPD);
            assertThat(rows(q, c, "x' OR '1'='1")).isEmpty();
            assertThat(rows(q, c, "bob")).containsExactly("b");
        }
    }

    @Test
    void memberPatternsEscapeLikeWildcards(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("g.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE groups (name TEXT, members TEXT)");
                s.execute("INSERT INTO groups VALUES ('one', 'axb,carol'), ('two', 'carol,a_b'), ('three', 'x,a_b,y')");
            }
            String sql = "SELECT name FROM groups WHERE members = ? OR members LIKE ? ESCAPE '!' OR members LIKE ? "
                    + "ESCAPE '!' OR members LIKE ? ESCAPE '!' ORDER BY name";
            SqlQuery q = new SqlQuery(sql, sql, List.of(Parameter.LOGIN, Parameter.LOGIN_FIRST_MEMBER,
                    Parameter.LOGIN_MIDDLE_MEMBER, Parameter.LOGIN_LAST_MEMBER));
            // "a_b" must not match "axb": _ is a LIKE wildcard unless escaped.
            assertThat(rows(q, c, "a_b")).containsExactly("three", "two");
            assertThat(rows(q, c, "carol")).containsExactly("one", "two");
        }
    }

    private static List<String> rows(SqlQuery q, Connection c, String login) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = q.prepare(c, login, InetAddress.getLoopbackAddress(), 5);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
