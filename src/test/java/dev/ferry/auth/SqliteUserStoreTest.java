package dev.ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest {

    @TempDir
    Path dir;

    private static StoredUser user(String name) {
        return new StoredUser(name, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", Optional.empty(), true,
                UserLimits.NONE);
    }

    @Test
    void createsFileParentsAndSchema() throws Exception {
        Path db = dir.resolve("a/b/users.db");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            assertThat(store.list()).isEmpty();
        }
        assertThat(db).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void newDatabaseIsOwnerOnly() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path db = dir.resolve("users.db");
        SqliteUserStore.open(db).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    }

    @Test
    void addFindUpdateDelete() {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            StoredUser bob = new StoredUser("bob", "hash1", Optional.of(Path.of("/srv/ftp/bob")), true,
                    new UserLimits(3, 1024, 2048, 1 << 30, 1000));
            store.add(bob);
            assertThat(store.find("bob")).contains(bob);
            assertThat(store.find("alice")).isEmpty();
            assertThat(store.find("Bob")).isEmpty();
            assertThat(store.find("../etc")).isEmpty();

            StoredUser changed = new StoredUser("bob", "hash2", Optional.empty(), false, UserLimits.NONE);
            store.update(changed);
            assertThat(store.find("bob")).contains(changed);

            assertThat(store.delete("bob")).isTrue();
            assertThat(store.delete("bob")).isFalse();
            assertThat(store.find("bob")).isEmpty();
        }
    }

    @Test
    void groupsAreStoredSortedAndCommaSeparated() throws Exception {
        Path db = dir.resolve("users.db");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            store.add(user("bob").withGroups(Set.of("users", "staff", "ftp")));
            store.add(user("eve"));
            assertThat(store.find("bob").orElseThrow().groups()).containsExactly("ftp", "staff", "users");
            assertThat(store.find("eve").orElseThrow().groups()).isEmpty();
            assertThat(store.list()).extracting(StoredUser::groups)
                    .containsExactly(Set.of("ftp", "staff", "users"), Set.of());
        }
        assertThat(rawGroups(db, "bob")).isEqualTo("ftp,staff,users");
        assertThat(rawGroups(db, "eve")).isNull();
    }

    @Test
    void updateReplacesGroups() throws Exception {
        Path db = dir.resolve("users.db");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            store.add(user("bob").withGroups(Set.of("users")));
            store.update(user("bob").withGroups(Set.of("staff", "admins")));
            assertThat(store.find("bob").orElseThrow().groups()).containsExactly("admins", "staff");
            store.update(user("bob"));
            assertThat(store.find("bob").orElseThrow().groups()).isEmpty();
        }
        assertThat(rawGroups(db, "bob")).isNull();
    }

    @Test
    void handWrittenGroupsAreReadLeniently() throws Exception {
        Path db = dir.resolve("users.db");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            store.add(user("bob"));
            store.add(user("eve"));
        }
        setRawGroups(db, "bob", " users, staff ");
        setRawGroups(db, "eve", "");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            assertThat(store.find("bob").orElseThrow().groups()).containsExactly("staff", "users");
            assertThat(store.find("eve").orElseThrow().groups()).isEmpty();
        }
    }

    @Test
    void invalidHandWrittenGroupIsAClearError() throws Exception {
        Path db = dir.resolve("users.db");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            store.add(user("bob"));
        }
        setRawGroups(db, "bob", "users,!staff");
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            assertThatThrownBy(() -> store.find("bob"))
                    .isInstanceOf(UserStoreException.class)
                    .hasMessageContaining("has an invalid row for 'bob'")
                    .hasMessageContaining("invalid group name '!staff'");
        }
    }

    @Test
    void migratesAVersion1Database() throws Exception {
        Path db = dir.resolve("users.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            // The schema as version 1 of the store created it.
            st.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS users (
                        name          TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        home          TEXT NULL,
                        enabled       INTEGER NOT NULL,
                        max_sessions  INTEGER,
                        upload_bps    INTEGER,
                        download_bps  INTEGER,
                        quota_bytes   INTEGER,
                        quota_files   INTEGER,
                        created_at    TEXT,
                        updated_at    TEXT
                    )""");
            st.executeUpdate("PRAGMA user_version = 1");
            st.executeUpdate("INSERT INTO users (name, password_hash, home, enabled, max_sessions, upload_bps,"
                    + " download_bps, quota_bytes, quota_files, created_at, updated_at) VALUES ('bob', 'hash1',"
                    + " '/srv/ftp/bob', 1, 3, 1024, NULL, NULL, 1000, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
        }

        StoredUser expected = new StoredUser("bob", "hash1", Optional.of(Path.of("/srv/ftp/bob")), true,
                new UserLimits(3, 1024, 0, 0, 1000));
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            StoredUser bob = store.find("bob").orElseThrow();
            assertThat(bob).isEqualTo(expected);
            assertThat(bob.groups()).isEmpty();
            store.update(bob.withGroups(Set.of("users", "staff")));
        }
        assertThat(userVersion(db)).isEqualTo(3);
        assertThat(rawGroups(db, "bob")).isEqualTo("staff,users");

        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            assertThat(store.find("bob")).contains(expected.withGroups(Set.of("staff", "users")));
            store.add(user("eve").withGroups(Set.of("ftp")));
            assertThat(store.list()).extracting(StoredUser::name).containsExactly("bob", "eve");
        }
        assertThat(userVersion(db)).isEqualTo(3);
    }

    @Test
    void migratesAVersion2DatabaseAndKeepsARatio() throws Exception {
        Path db = dir.resolve("users.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            // The schema as version 2 of the store created it.
            st.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS users (
                        name          TEXT PRIMARY KEY,
                        password_hash TEXT NOT NULL,
                        home          TEXT NULL,
                        enabled       INTEGER NOT NULL,
                        max_sessions  INTEGER,
                        upload_bps    INTEGER,
                        download_bps  INTEGER,
                        quota_bytes   INTEGER,
                        quota_files   INTEGER,
                        created_at    TEXT,
                        updated_at    TEXT,
                        "groups"      TEXT
                    )""");
            st.executeUpdate("PRAGMA user_version = 2");
            st.executeUpdate("INSERT INTO users (name, password_hash, home, enabled, \"groups\") VALUES ('bob', 'h',"
                    + " NULL, 1, 'staff')");
        }
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            StoredUser bob = store.find("bob").orElseThrow();
            assertThat(bob.limits()).isEqualTo(UserLimits.NONE);
            assertThat(bob.groups()).containsExactly("staff");
            store.update(new StoredUser("bob", "h", Optional.empty(), true, new UserLimits(0, 0, 0, 0, 0, 1, 5),
                    Set.of("staff")));
        }
        assertThat(userVersion(db)).isEqualTo(3);
        try (SqliteUserStore store = SqliteUserStore.open(db)) {
            assertThat(store.find("bob").orElseThrow().limits().ratio().describe()).isEqualTo("1:5 in bytes");
        }
    }

    private static int userVersion(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    private static String rawGroups(Path db, String name) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement st = c.prepareStatement("SELECT \"groups\" FROM users WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void setRawGroups(Path db, String name, String groups) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement st = c.prepareStatement("UPDATE users SET \"groups\" = ? WHERE name = ?")) {
            st.setString(1, groups);
            st.setString(2, name);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void listIsSortedByName() {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            store.add(user("carol"));
            store.add(user("alice"));
            store.add(user("bob"));
            assertThat(store.list()).extracting(StoredUser::name).containsExactly("alice", "bob", "carol");
        }
    }

    @Test
    void duplicateAddIsRefusedWithAClearMessage() {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            store.add(user("bob"));
            assertThatThrownBy(() -> store.add(user("bob")))
                    .isInstanceOf(UserStoreException.class)
                    .hasMessage("user 'bob' already exists");
        }
    }

    @Test
    void updatingAMissingUserFails() {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            assertThatThrownBy(() -> store.update(user("ghost")))
                    .isInstanceOf(UserStoreException.class)
                    .hasMessage("no such user 'ghost'");
        }
    }

    @Test
    void dataSurvivesReopeningAndIsSeenByASecondConnection() {
        Path db = dir.resolve("users.db");
        try (SqliteUserStore server = SqliteUserStore.open(db)) {
            assertThat(server.find("bob")).isEmpty();
            try (SqliteUserStore cli = SqliteUserStore.open(db)) {
                cli.add(user("bob"));
            }
            assertThat(server.find("bob")).isPresent();
        }
        try (SqliteUserStore again = SqliteUserStore.open(db)) {
            assertThat(again.list()).extracting(StoredUser::name).containsExactly("bob");
        }
    }

    @Test
    void refusesADatabaseFromANewerFerry() throws Exception {
        Path db = dir.resolve("users.db");
        SqliteUserStore.open(db).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            st.executeUpdate("PRAGMA user_version = 7");
        }
        assertThatThrownBy(() -> SqliteUserStore.open(db))
                .isInstanceOf(UserStoreException.class)
                .hasMessageContaining("schema version 7");
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path db = dir.resolve("users.db");
        Files.writeString(db, "this is not sqlite, just some text that is long enough to have a header");
        assertThatThrownBy(() -> SqliteUserStore.open(db))
                .isInstanceOf(UserStoreException.class)
                .hasMessageContaining("cannot open user database");
    }

    @Test
    void safeForConcurrentUseFromVirtualThreads() throws Exception {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            store.add(user("bob"));
            List<Future<Boolean>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    String name = "u" + i;
                    results.add(pool.submit(() -> {
                        store.add(user(name));
                        return store.find("bob").isPresent() && store.find(name).isPresent();
                    }));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            assertThat(store.list()).hasSize(201);
        }
    }

    @Test
    void closedStoreRefusesWork() {
        SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.find("bob")).isInstanceOf(UserStoreException.class);
    }
}
