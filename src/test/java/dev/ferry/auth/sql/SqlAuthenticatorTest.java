package dev.ferry.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.AuthResult;
import dev.ferry.auth.UserAccount;
import dev.ferry.auth.VerifiedPasswordCache;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.auth.sql.SqlQuery.Placeholders;
import dev.ferry.fs.VirtualPath;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts in an SQL database, here an SQLite file laid out as Pure-FTPd's README.MySQL suggests. */
class SqlAuthenticatorTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    /** "s3cret pässword" as SHA-512 crypt and as MD5 hex. */
    private static final String SHA512_CRYPT = "$6$saltsalt$eYTdePZTzOVOYWJofVF25Qosxo7LsHBaInZ7JfY3siAJj/MCvHWxkoEdVLIf"
            + "DRx7CNZod2axjay111gRmOCxx.";
    private static final char[] RIGHT = "s3cret pässword".toCharArray();

    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void database() throws Exception {
        db = dir.resolve("ftp.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (User TEXT PRIMARY KEY, Password TEXT, Dir TEXT, QuotaFiles INT, "
                    + "QuotaSize INT, ULBandwidth INT, DLBandwidth INT, Shell TEXT)");
            s.execute("INSERT INTO users VALUES ('alice', '" + SHA512_CRYPT + "', '/srv/ftp/alice', 100, 5, 64, 128, "
                    + "'/bin/bash')");
            s.execute("INSERT INTO users VALUES ('bob', 'a71e49a97820329296832b2440cdd04b', '/srv/ftp/./bob', "
                    + "NULL, NULL, NULL, NULL, NULL)");
            s.execute("INSERT INTO users VALUES ('nohome', '" + SHA512_CRYPT + "', NULL, 0, 0, 0, 0, NULL)");
            s.execute("INSERT INTO users VALUES ('relative', '" + SHA512_CRYPT + "', 'srv/x', 0, 0, 0, 0, NULL)");
            s.execute("INSERT INTO users VALUES ('nopass', NULL, '/srv/x', 0, 0, 0, 0, NULL)");
            s.execute("INSERT INTO users VALUES ('badquota', '" + SHA512_CRYPT + "', '/srv/x', 'lots', 0, 0, 0, NULL)");
            s.execute("CREATE TABLE memberships (User TEXT, Grp TEXT)");
            s.execute("INSERT INTO memberships VALUES ('alice', 'staff'), ('alice', 'upload'), ('bob', 'staff')");
        }
    }

    private SqlSettings settings(List<PasswordFormat> formats, Optional<Path> defaultHome) {
        return new SqlSettings(SqlDatabase.sqlite(db), List.of(
                lookup("SELECT Password FROM users WHERE User='\\L'", SqlField.PASSWORD),
                lookup("SELECT Dir FROM users WHERE User='\\L'", SqlField.HOME),
                lookup("SELECT QuotaFiles FROM users WHERE User='\\L'", SqlField.QUOTA_FILES),
                lookup("SELECT QuotaSize FROM users WHERE User='\\L'", SqlField.QUOTA_MEGABYTES),
                lookup("SELECT ULBandwidth FROM users WHERE User='\\L'", SqlField.UPLOAD_KBPS),
                lookup("SELECT DLBandwidth FROM users WHERE User='\\L'", SqlField.DOWNLOAD_KBPS),
                lookup("SELECT Shell FROM users WHERE User='\\L'", SqlField.SHELL)),
                Optional.of(SqlQuery.parse("SELECT Grp FROM memberships WHERE User='\\L'", Placeholders.PURE_FTPD)),
                formats, defaultHome, Duration.ofSeconds(5));
    }

    private static SqlLookup lookup(String query, SqlField field) {
        return new SqlLookup(SqlQuery.parse(query, Placeholders.PURE_FTPD), field);
    }

    private AuthResult login(SqlSettings settings, String user, String password) {
        try (SqlAuthenticator auth = new SqlAuthenticator(settings, Optional.empty())) {
            return auth.authenticate(user, password.toCharArray(), CLIENT);
        }
    }

    @Test
    void rightPasswordGivesTheRowsAccount() {
        AuthResult result = login(settings(List.of(PasswordFormat.CRYPT), Optional.empty()), "alice",
                new String(RIGHT));
        assertThat(result).isInstanceOf(AuthResult.Success.class);
        UserAccount a = ((AuthResult.Success) result).account();
        assertThat(a.root()).isEqualTo(Path.of("/srv/ftp/alice"));
        assertThat(a.start()).isEqualTo(VirtualPath.ROOT);
        assertThat(a.groups()).containsExactlyInAnyOrder("staff", "upload");
        assertThat(a.shell()).contains("/bin/bash");
        assertThat(a.limits().quotaFiles()).isEqualTo(100);
        assertThat(a.limits().quotaBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(a.limits().uploadBytesPerSec()).isEqualTo(64 * 1024);
        assertThat(a.limits().downloadBytesPerSec()).isEqualTo(128 * 1024);
    }

    @Test
    void wrongPasswordStopsTheChainUnknownUserDoesNot() {
        SqlSettings s = settings(List.of(PasswordFormat.CRYPT), Optional.empty());
        assertThat(login(s, "alice", "S3cret pässword")).isInstanceOf(AuthResult.Failure.class);
        assertThat(login(s, "carol", "anything")).isInstanceOf(AuthResult.NotApplicable.class);
        assertThat(login(s, "nopass", "")).isInstanceOf(AuthResult.Failure.class);
    }

    @Test
    void onlyTheConfiguredFormatsAreTried() {
        // bob's password is an MD5 digest: not accepted as crypt, nor is the digest itself a password
        assertThat(login(settings(List.of(PasswordFormat.CRYPT), Optional.empty()), "bob", new String(RIGHT)))
                .isInstanceOf(AuthResult.Failure.class);
        assertThat(login(settings(PasswordFormat.ANY_HASH, Optional.empty()), "bob",
                "a71e49a97820329296832b2440cdd04b")).isInstanceOf(AuthResult.Failure.class);
        AuthResult any = login(settings(PasswordFormat.ANY_HASH, Optional.empty()), "bob", new String(RIGHT));
        assertThat(any).isInstanceOf(AuthResult.Success.class);
        // Pure-FTPd's /./: jailed in /srv/ftp, starting in /bob
        UserAccount bob = ((AuthResult.Success) any).account();
        assertThat(bob.root()).isEqualTo(Path.of("/srv/ftp"));
        assertThat(bob.start().toString()).isEqualTo("/bob");
        assertThat(bob.limits().quotaFiles()).isZero();
    }

    @Test
    void aHomeMustBeGivenAndAbsolute() {
        SqlSettings s = settings(List.of(PasswordFormat.CRYPT), Optional.empty());
        assertThat(login(s, "nohome", new String(RIGHT))).isInstanceOf(AuthResult.Failure.class);
        assertThat(login(s, "relative", new String(RIGHT))).isInstanceOf(AuthResult.Failure.class);
        AuthResult withDefault = login(settings(List.of(PasswordFormat.CRYPT), Optional.of(Path.of("/srv/default"))),
                "nohome", new String(RIGHT));
        assertThat(((AuthResult.Success) withDefault).account().root()).isEqualTo(Path.of("/srv/default"));
    }

    @Test
    void aLimitThatIsNotANumberRefusesTheLogin() {
        AuthResult r = login(settings(List.of(PasswordFormat.CRYPT), Optional.empty()), "badquota", new String(RIGHT));
        assertThat(r).isInstanceOfSatisfying(AuthResult.Failure.class,
                f -> assertThat(f.reason()).contains("quota_files"));
    }

    @Test
    void anUnreachableDatabaseRefusesRatherThanFallingThrough() {
        SqlDatabase down = SqlDatabase.postgresql("127.0.0.1", 1, "ftp", Optional.of("u"), Optional.of("p"));
        SqlSettings s = new SqlSettings(down, List.of(lookup("SELECT p FROM u WHERE n='\\L'", SqlField.PASSWORD)),
                Optional.empty(), List.of(PasswordFormat.CRYPT), Optional.empty(), Duration.ofSeconds(2));
        assertThat(login(s, "alice", "x")).isInstanceOfSatisfying(AuthResult.Failure.class,
                f -> assertThat(f.reason()).contains("unavailable"));
        assertThat(down.toString()).doesNotContain("p\"").doesNotContain("password");
    }

    @Test
    void theLoginCacheSparesTheHashButNotAWrongPassword() throws Exception {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofMinutes(1), 10);
        try (SqlAuthenticator auth = new SqlAuthenticator(settings(List.of(PasswordFormat.CRYPT), Optional.empty()),
                Optional.of(cache))) {
            assertThat(auth.authenticate("alice", RIGHT, CLIENT)).isInstanceOf(AuthResult.Success.class);
            assertThat(cache.matches("alice", SHA512_CRYPT, RIGHT)).isTrue();
            assertThat(auth.authenticate("alice", "wrong".toCharArray(), CLIENT)).isInstanceOf(AuthResult.Failure.class);
        }
    }

    @Test
    void findSkipsThePasswordButNotTheRest() {
        try (SqlAuthenticator auth = new SqlAuthenticator(settings(List.of(PasswordFormat.CRYPT), Optional.empty()),
                Optional.empty())) {
            assertThat(auth.find("alice", CLIENT)).isInstanceOf(AuthResult.Success.class);
            assertThat(auth.find("nohome", CLIENT)).isInstanceOf(AuthResult.Failure.class);
            assertThat(auth.find("carol", CLIENT)).isInstanceOf(AuthResult.NotApplicable.class);
        }
    }

    @Test
    void theDatabaseIsOpenedReadOnly() throws Exception {
        SqlSettings s = new SqlSettings(SqlDatabase.sqlite(db), List.of(
                lookup("SELECT Password FROM users WHERE User='\\L'", SqlField.PASSWORD),
                // a lookup that would write: refused by the read-only connection, so the login fails
                lookup("UPDATE users SET Dir = '/' WHERE User='\\L' RETURNING Dir", SqlField.HOME)),
                Optional.empty(), List.of(PasswordFormat.CRYPT), Optional.empty(), Duration.ofSeconds(5));
        assertThat(login(s, "alice", new String(RIGHT))).isInstanceOf(AuthResult.Failure.class);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             var r = st.executeQuery("SELECT Dir FROM users WHERE User = 'alice'")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("/srv/ftp/alice");
        }
    }
}
