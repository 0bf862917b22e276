package dev.ferry.config.proftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.auth.AccountSource;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.auth.sql.SqlDatabase;
import dev.ferry.auth.sql.SqlSettings;
import dev.ferry.config.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD mod_sql's directives and AuthOrder: the queries built, the source order, and what is refused. */
class SqlDirectivesTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("ferry.conf");
        Files.writeString(file, text);
        return file;
    }

    private LoadedConfig load(String text) throws Exception {
        return ConfigLoader.load(write(text), new DataDirectory(dir.resolve("data")), n -> Optional.empty());
    }

    /** The errors loading {@code text} is refused with. */
    private String refusal(String text) throws Exception {
        Path file = write(text);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()));
        assertThat(e).as("loading %s", text).isNotNull();
        return e.getMessage();
    }

    private static final String POSTGRES = """
            SQLBackend postgres
            SQLConnectInfo ftp@db.example.org:5433 proftpd s3cret
            SQLAuthTypes Crypt SHA256
            SQLUserInfo ftpusers userid passwd uid gid homedir NULL
            SQLUserWhereClause "disabled = 0"
            SQLGroupInfo ftpgroups groupname gid members
            SQLDefaultHomedir /srv/ftp
            """;

    @Test
    void theUserQueryIsBuiltFromTableAndColumns() throws Exception {
        List<AccountSource> sources = load(POSTGRES).config().main().logins().sources();
        assertThat(sources).hasSize(2).last().isEqualTo(new AccountSource.OwnUsers());
        SqlSettings sql = ((AccountSource.Sql) sources.getFirst()).settings();
        assertThat(sql.database().kind()).isEqualTo(SqlDatabase.Kind.POSTGRESQL);
        assertThat(sql.database().url()).isEqualTo("jdbc:postgresql://db.example.org:5433/ftp");
        assertThat(sql.database().user()).contains("proftpd");
        assertThat(sql.formats()).containsExactly(PasswordFormat.CRYPT, PasswordFormat.SHA256);
        assertThat(sql.lookups().getFirst().query().sql()).isEqualTo(
                "SELECT passwd, uid, gid, homedir, NULL FROM ftpusers WHERE (userid = ?) AND (disabled = 0)");
        assertThat(sql.groups().orElseThrow().sql()).startsWith(
                "SELECT groupname FROM ftpgroups WHERE gid IN (SELECT gid FROM ftpusers WHERE userid = ?) OR members = ?");
        assertThat(sql.defaultHome()).contains(Path.of("/srv/ftp"));
    }

    @Test
    void customQueriesComeFromSqlNamedQuery() throws Exception {
        SqlSettings sql = ((AccountSource.Sql) load("""
                SQLBackend sqlite3
                SQLConnectInfo /var/lib/ftp/users.db
                SQLAuthTypes Crypt
                SQLNamedQuery get-user SELECT "name, pw, 1, 1, home, sh FROM accounts WHERE name = '%U'"
                SQLUserInfo custom:/get-user
                """).config().main().logins().sources().getFirst()).settings();
        assertThat(sql.lookups().getFirst().query().sql())
                .isEqualTo("SELECT name, pw, 1, 1, home, sh FROM accounts WHERE name = ?");
        assertThat(sql.database().url()).isEqualTo("jdbc:sqlite:/var/lib/ftp/users.db");
    }

    @Test
    void authOrderOrdersAndAStarEndsTheList() throws Exception {
        assertThat(load(POSTGRES + "AuthOrder mod_auth_unix.c mod_sql.c\n").config().main().logins().sources())
                .extracting(s -> s.getClass().getSimpleName()).containsExactly("OwnUsers", "Sql");
        assertThat(load(POSTGRES + "AuthOrder *mod_sql.c mod_auth_file.c\n").config().main().logins().sources())
                .extracting(s -> s.getClass().getSimpleName()).containsExactly("Sql");
        LoadedConfig withoutSql = load(POSTGRES + "AuthOrder mod_auth_file.c\n");
        assertThat(withoutSql.config().main().logins().sources()).containsExactly(new AccountSource.OwnUsers());
        assertThat(withoutSql.notices()).anyMatch(n -> n.toString().contains("its database is never asked"));
        // SQLEngine off: no database, and the server is as if mod_sql were not configured
        assertThat(load(POSTGRES + "SQLEngine off\n").config().main().logins().sources())
                .containsExactly(new AccountSource.OwnUsers());
    }

    @Test
    void whatCannotWorkIsRefusedWithTheLine() throws Exception {
        Path file = write("""
                SQLBackend oracle
                SQLConnectInfo ftp@localhost
                SQLAuthTypes Empty
                SQLLog PASS updatecount
                AuthOrder mod_radius.c
                SQLUserInfo users; DROP TABLE x
                """);
        assertThatThrownBy(() -> ConfigLoader.load(file, new DataDirectory(dir.resolve("data")), n -> Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3: SQLAuthTypes Empty is not supported")
                .hasMessageContaining(file + ":4: SQLLog is not supported yet")
                .hasMessageContaining(file + ":5: AuthOrder: mod_radius.c is not a module Ferry has")
                .hasMessageContaining(file + ":6: SQLUserInfo takes the table and six columns");
        assertThat(refusal("""
                SQLBackend oracle
                SQLConnectInfo ftp@localhost
                SQLAuthTypes Crypt
                """)).contains("SQLBackend oracle is unknown");
        assertThat(refusal("""
                SQLBackend mysql
                SQLConnectInfo ftp@localhost
                SQLAuthTypes Crypt
                SQLUserInfo ftpusers userid passwd uid gid "home dir" shell
                """)).contains("'home dir' is not a table or column name");
        assertThat(refusal("SQLConnectInfo ftp@localhost\nAuthOrder mod_sql.c\n"))
                .contains("mod_sql needs SQLAuthTypes").contains("AuthOrder names mod_sql.c");
    }
}
