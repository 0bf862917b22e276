package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.MariaDbServer;
import dev.ferry.testkit.PostgresServer;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.transfer.TransferSupport;
import dev.ferry.transfer.TransferSupport.RawMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users in an SQL database, end to end: ProFTPD's mod_sql directives over an SQLite file, and
 * Pure-FTPd's {@code -l pgsql:} over a real PostgreSQL server; the source order of
 * {@code AuthOrder} and repeated {@code -l}; {@code RequireValidShell} for accounts with a shell.
 */
class SqlAccountsTest {
    /** "s3cret pässword" as SHA-512 crypt(3). */
    private static final String HASH = "$6$saltsalt$eYTdePZTzOVOYWJofVF25Qosxo7LsHBaInZ7JfY3siAJj/MCvHWxkoEdVLIfDRx7CNZ"
            + "od2axjay111gRmOCxx.";
    private static final String PASSWORD = "s3cret pässword";

    @TempDir
    Path dir;

    private Path sqliteAccounts() throws Exception {
        Path db = dir.resolve("ftp.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ftpusers (userid TEXT, passwd TEXT, uid INT, gid INT, homedir TEXT, shell TEXT)");
            s.execute("CREATE TABLE ftpgroups (groupname TEXT, gid INT, members TEXT)");
            for (String user : new String[] {"carol", "dave", "eve"}) {
                String shell = user.equals("eve") ? "/no/such/shell" : "/bin/sh";
                s.execute("INSERT INTO ftpusers VALUES ('" + user + "', '" + HASH + "', 2000, "
                        + (user.equals("dave") ? 3000 : 2000) + ", '" + dir.resolve("homes").resolve(user) + "', '"
                        + shell + "')");
            }
            s.execute("INSERT INTO ftpgroups VALUES ('staff', 2000, ''), ('readonly', 3001, 'x,dave')");
        }
        return db;
    }

    private String modSql(Path db) {
        return """
                <IfModule mod_sql.c>
                SQLBackend sqlite3
                SQLConnectInfo %s
                SQLAuthTypes Crypt
                SQLUserInfo ftpusers userid passwd uid gid homedir shell
                SQLGroupInfo ftpgroups groupname gid members
                SQLMinID 500
                </IfModule>
                <Limit WRITE>
                  DenyGroup readonly
                </Limit>
                """.formatted(db);
    }

    @Test
    void proftpdModSqlUsersLogInWithTheirGroupsAndHomes() throws Exception {
        Path db = sqliteAccounts();
        try (RulesServer server = RulesServer.fromConfig(dir, modSql(db))) {
            try (RawFtpClient carol = server.connect()) {
                carol.login("carol", PASSWORD);
                carol.command("TYPE I");
                TransferSupport.upload(carol, RawMode.PASV, "STOR report.txt", "hello".getBytes());
                assertThat(dir.resolve("homes/carol/report.txt")).hasContent("hello");
                assertThat(carol.command("PWD").text()).contains("\"/\"");
            }
            // dave is a member of readonly through the members column: <Limit WRITE> refuses him
            try (RawFtpClient dave = server.connect()) {
                dave.login("dave", PASSWORD);
                assertThat(RulesServer.run(dave, "STOR x").code()).isEqualTo(550);
            }
            // eve's shell is not in /etc/shells (RequireValidShell is on by default)
            try (RawFtpClient eve = server.connect()) {
                eve.command("USER eve");
                assertThat(eve.command("PASS " + PASSWORD).code()).isEqualTo(530);
            }
            try (RawFtpClient carol = server.connect()) {
                carol.command("USER carol");
                assertThat(carol.command("PASS wrong").code()).isEqualTo(530);
            }
            // Ferry's own users are asked after the database
            try (RawFtpClient alice = server.alice()) {
                assertThat(alice.command("NOOP").code()).isEqualTo(200);
            }
        }
    }

    @Test
    void authOrderDecidesWhichSourcesAreAsked(@TempDir Path other) throws Exception {
        Path db = sqliteAccounts();
        try (RulesServer server = RulesServer.fromConfig(dir, modSql(db) + "AuthOrder mod_sql.c\n")) {
            try (RawFtpClient alice = server.connect()) {
                alice.command("USER " + RulesServer.USER);
                assertThat(alice.command("PASS " + RulesServer.PASSWORD).code()).isEqualTo(530);
            }
            try (RawFtpClient carol = server.connect()) {
                carol.login("carol", PASSWORD);
            }
        }
        try (RulesServer server = RulesServer.fromConfig(other, modSql(db) + "AuthOrder mod_auth_file.c\n"
                + "RequireValidShell off\n")) {
            try (RawFtpClient carol = server.connect()) {
                carol.command("USER carol");
                assertThat(carol.command("PASS " + PASSWORD).code()).isEqualTo(530);
            }
            try (RawFtpClient alice = server.alice()) {
                assertThat(alice.command("NOOP").code()).isEqualTo(200);
            }
        }
    }

    @Test
    void pureFtpdPgsqlConfAgainstARealPostgresql() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            pg.execute("postgres", "CREATE DATABASE pureftpd");
            pg.execute("pureftpd", """
                    CREATE TABLE users (
                      "User" varchar(32) PRIMARY KEY, "Password" varchar(200), "Uid" int, "Gid" int,
                      "Dir" varchar(200), "QuotaFiles" int, "QuotaSize" int);
                    INSERT INTO users VALUES ('frank', '%s', 2000, 2000, '%s', 2, 0);
                    INSERT INTO users VALUES ('x'' OR ''1''=''1', 'whatever', 1, 1, '/', 0, 0)
                    """.formatted(HASH, dir.resolve("jail") + "/./frank"));
            Path conf = dir.resolve("pgsql.conf");
            Files.writeString(conf, """
                    # Pure-FTPd's pgsql.conf, as README.PGSQL lays it out
                    PGSQLServer     127.0.0.1
                    PGSQLPort       %d
                    PGSQLUser       ferry
                    PGSQLPassword   unused-with-trust
                    PGSQLDatabase   pureftpd
                    PGSQLCrypt      any
                    PGSQLGetPW      SELECT "Password" FROM users WHERE "User"='\\L'
                    PGSQLGetUID     SELECT "Uid" FROM users WHERE "User"='\\L'
                    PGSQLGetGID     SELECT "Gid" FROM users WHERE "User"='\\L'
                    PGSQLGetDir     SELECT "Dir" FROM users WHERE "User"='\\L'
                    PGSQLGetQTAFS   SELECT "QuotaFiles" FROM users WHERE "User"='\\L'
                    """.formatted(pg.port()));
            try (RulesServer server = RulesServer.fromSwitches(dir, "-l", "pgsql:" + conf, "-l", "puredb")) {
                try (RawFtpClient frank = server.connect()) {
                    frank.login("frank", PASSWORD);
                    frank.command("TYPE I");
                    // /./: jailed in DIR/jail, starting in /frank
                    assertThat(frank.command("PWD").text()).contains("\"/frank\"");
                    TransferSupport.upload(frank, RawMode.PASV, "STOR one", new byte[10]);
                    TransferSupport.upload(frank, RawMode.PASV, "STOR two", new byte[10]);
                    // the row's file quota: two files
                    assertThat(RulesServer.run(frank, "STOR three").code()).isIn(451, 452, 552);
                    assertThat(dir.resolve("jail/frank/one")).exists();
                }
                try (RawFtpClient alice = server.alice()) {
                    assertThat(alice.command("NOOP").code()).isEqualTo(200);
                }
            }
            try (RulesServer server = RulesServer.fromSwitches(dir.resolve("second"), "-l", "pgsql:" + conf)) {
                try (RawFtpClient alice = server.connect()) {
                    alice.command("USER " + RulesServer.USER);
                    assertThat(alice.command("PASS " + RulesServer.PASSWORD).code()).isEqualTo(530);
                }
            }
        }
    }

    @Test
    void pureFtpdMysqlConfAgainstARealMariadb() throws Exception {
        try (MariaDbServer db = MariaDbServer.start()) {
            db.execute("""
                    CREATE DATABASE pureftpd;
                    CREATE TABLE pureftpd.users (User VARCHAR(32) PRIMARY KEY, Password VARCHAR(128),
                      Dir VARCHAR(255), ULBandwidth INT, Status ENUM('0','1'));
                    INSERT INTO pureftpd.users VALUES ('gus', MD5('%s'), '%s', 64, '1'), ('off', MD5('%s'), '/', 0, '0');
                    CREATE USER 'pureftpd'@'%%' IDENTIFIED BY 'db-pw';
                    GRANT SELECT ON pureftpd.* TO 'pureftpd'@'%%'
                    """.formatted(PASSWORD, dir.resolve("homes/gus"), PASSWORD));
            Path conf = dir.resolve("mysql.conf");
            Files.writeString(conf, """
                    MYSQLServer     127.0.0.1
                    MYSQLPort       %d
                    MYSQLUser       pureftpd
                    MYSQLPassword   db-pw
                    MYSQLDatabase   pureftpd
                    MYSQLCrypt      md5
                    MYSQLGetPW      SELECT Password FROM users WHERE User='\\L' AND Status='1'
                    MYSQLGetDir     SELECT Dir FROM users WHERE User='\\L'
                    MySQLGetBandwidthUL SELECT ULBandwidth FROM users WHERE User='\\L'
                    """.formatted(db.port()));
            try (RulesServer server = RulesServer.fromSwitches(dir, "-l", "mysql:" + conf)) {
                try (RawFtpClient gus = server.connect()) {
                    gus.login("gus", PASSWORD);
                    gus.command("TYPE I");
                    TransferSupport.upload(gus, RawMode.PASV, "STOR m.bin", new byte[100]);
                    assertThat(dir.resolve("homes/gus/m.bin")).hasSize(100);
                }
                // Status='0': the password query finds no row, so the name is unknown here
                try (RawFtpClient off = server.connect()) {
                    off.command("USER off");
                    assertThat(off.command("PASS " + PASSWORD).code()).isEqualTo(530);
                }
            }
        }
    }
}
