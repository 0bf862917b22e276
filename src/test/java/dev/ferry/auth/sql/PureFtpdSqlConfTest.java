package dev.ferry.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.auth.password.PasswordFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pure-FTPd's mysql.conf and pgsql.conf, as README.MySQL and README.PGSQL write them. */
class PureFtpdSqlConfTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("db.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readmeMysqlConf() throws Exception {
        Path file = write("""
                MYSQLSocket      /run/mysqld/mysqld.sock
                MYSQLServer     localhost
                MYSQLPort       3306
                MYSQLUser       root
                MYSQLPassword   rootpw
                MYSQLDatabase   pureftpd
                MYSQLCrypt      md5
                MYSQLGetPW      SELECT Password FROM users WHERE User='\\L' AND Status='1'
                MYSQLGetUID     SELECT Uid FROM users WHERE User='\\L'
                MYSQLGetGID     SELECT Gid FROM users WHERE User='\\L'
                MYSQLGetDir     SELECT Dir FROM users WHERE User='\\L'
                MySQLGetBandwidthUL SELECT ULBandwidth FROM users WHERE User='\\L'
                MySQLGetQTASZ   SELECT QuotaSize FROM users WHERE User='\\L'
                MySQLTransactions On
                """);
        List<String> notes = new ArrayList<>();
        SqlSettings s = PureFtpdSqlConf.parse(SqlDatabase.Kind.MYSQL, file, notes);
        assertThat(s.database().url()).isEqualTo("jdbc:mariadb://localhost:3306/pureftpd?localSocket=/run/mysqld/mysqld.sock");
        assertThat(s.database().password()).contains("rootpw");
        assertThat(s.formats()).containsExactly(PasswordFormat.MD5);
        // run in Pure-FTPd's order: the password first
        assertThat(s.lookups()).extracting(l -> l.columns().getFirst()).containsExactly(SqlField.PASSWORD,
                SqlField.HOME, SqlField.QUOTA_MEGABYTES, SqlField.UPLOAD_KBPS);
        assertThat(s.lookups().getFirst().query().sql())
                .isEqualTo("SELECT Password FROM users WHERE User=? AND Status='1'");
        assertThat(notes).hasSize(3).allMatch(n -> n.startsWith(file + ":")).anyMatch(n -> n.contains("MYSQLGetUID"))
                .anyMatch(n -> n.contains("MySQLTransactions"));
    }

    @Test
    void mistakesNameTheLine() throws Exception {
        Path missing = write("PGSQLDatabase ftp\nPGSQLGetPW SELECT p FROM u WHERE n='\\L'\n");
        assertThatThrownBy(() -> PureFtpdSqlConf.parse(SqlDatabase.Kind.POSTGRESQL, missing, new ArrayList<>()))
                .hasMessage(missing + ": PGSQLGetDir is missing");
        Path wrongPrefix = write("MYSQLDatabase ftp\n");
        assertThatThrownBy(() -> PureFtpdSqlConf.parse(SqlDatabase.Kind.POSTGRESQL, wrongPrefix, new ArrayList<>()))
                .hasMessageStartingWith(wrongPrefix + ":1: unknown setting MYSQLDatabase");
        Path crypt = write("MYSQLDatabase ftp\nMYSQLCrypt password\nMYSQLGetPW SELECT p FROM u WHERE n='\\L'\n"
                + "MYSQLGetDir SELECT d FROM u WHERE n='\\L'\n");
        assertThatThrownBy(() -> PureFtpdSqlConf.parse(SqlDatabase.Kind.MYSQL, crypt, new ArrayList<>()))
                .hasMessageContaining(":2: MYSQLCrypt password").hasMessageContaining("not supported");
        Path server = write("PGSQLDatabase ftp\nPGSQLGetDir SELECT d FROM u WHERE n='\\L'\n"
                + "PGSQLGetPW SELECT p FROM u WHERE n='\\L' AND ip='\\I'\n");
        assertThatThrownBy(() -> PureFtpdSqlConf.parse(SqlDatabase.Kind.POSTGRESQL, server, new ArrayList<>()))
                .hasMessageContaining(":3: \\I and \\P");
        Path port = write("PGSQLPort seventy\nPGSQLDatabase ftp\nPGSQLGetPW SELECT p FROM u WHERE n='\\L'\n"
                + "PGSQLGetDir SELECT d FROM u WHERE n='\\L'\n");
        assertThatThrownBy(() -> PureFtpdSqlConf.parse(SqlDatabase.Kind.POSTGRESQL, port, new ArrayList<>()))
                .hasMessageContaining("not a port number");
    }

    @Test
    void anyMeansEveryHashButNotPlainText() throws Exception {
        Path file = write("PGSQLDatabase ftp\nPGSQLCrypt any\nPGSQLGetPW SELECT p FROM u WHERE n='\\L'\n"
                + "PGSQLGetDir SELECT d FROM u WHERE n='\\L'\n");
        SqlSettings s = PureFtpdSqlConf.parse(SqlDatabase.Kind.POSTGRESQL, file, new ArrayList<>());
        assertThat(s.formats()).isEqualTo(PasswordFormat.ANY_HASH).doesNotContain(PasswordFormat.PLAINTEXT);
        assertThat(s.database().url()).isEqualTo("jdbc:postgresql://localhost/ftp");
    }
}
