package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.auth.PasswordHasher;
import dev.ferry.auth.SqliteUserStore;
import dev.ferry.auth.StoredUser;
import dev.ferry.auth.UserLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** Runs {@code ferry user ...} end to end against a data directory in a temp folder. */
@ResourceLock("java.lang.System.in")   // in case tests ever run in parallel
class UserCommandTest {

    @TempDir
    Path dir;

    private InputStream originalIn;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void saveStdin() {
        originalIn = System.in;
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    private int run(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = FerryCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--data-dir";
        full[args.length + 1] = dir.toString();
        return cmd.execute(full);
    }

    private Optional<StoredUser> stored(String name) {
        try (SqliteUserStore store = SqliteUserStore.open(dir.resolve("users.db"))) {
            return store.find(name);
        }
    }

    @Test
    void addReadsThePasswordFromStdin() {
        assertThat(run("secret\nsecret\n", "user", "add", "bob")).isZero();

        assertThat(out.toString().strip()).isEqualTo("Added user bob (home: " + dir.resolve("home/bob") + ")");
        StoredUser bob = stored("bob").orElseThrow();
        assertThat(bob.enabled()).isTrue();
        assertThat(bob.home()).isEmpty();
        assertThat(bob.limits()).isEqualTo(UserLimits.NONE);
        assertThat(bob.passwordHash()).startsWith("$argon2id$");
        assertThat(PasswordHasher.verify("secret".toCharArray(), bob.passwordHash())).isTrue();
    }

    @Test
    void addWithOptions() {
        Path home = dir.resolve("elsewhere/../srv/alice");
        assertThat(run("pw\npw\n", "user", "add", "alice", "--home", home.toString(), "--disabled",
                "--max-sessions", "2", "--upload-rate", "512K", "--download-rate", "10M",
                "--quota-bytes", "5G", "--quota-files", "1000", "--ratio", "1:4")).isZero();

        StoredUser alice = stored("alice").orElseThrow();
        assertThat(alice.home()).contains(dir.resolve("srv/alice"));
        assertThat(alice.enabled()).isFalse();
        assertThat(alice.limits()).isEqualTo(new UserLimits(2, 512L << 10, 10L << 20, 5L << 30, 1000, 1, 4));
        assertThat(out.toString()).contains("home: " + dir.resolve("srv/alice"));

        assertThat(run("", "user", "mod", "alice", "--ratio", "0")).isZero();
        assertThat(stored("alice").orElseThrow().limits().ratio().isEnforced()).isFalse();
        assertThat(run("", "user", "mod", "alice", "--ratio", "0:3")).isEqualTo(2);
        assertThat(err.toString()).contains("--ratio takes UPLOAD:DOWNLOAD with both at least 1");
    }

    @Test
    void mismatchedPasswordsAddNobody() {
        assertThat(run("secret\nsecreT\n", "user", "add", "bob")).isEqualTo(1);
        assertThat(err.toString()).contains("passwords do not match");
        assertThat(stored("bob")).isEmpty();
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThat(run("\n\n", "user", "add", "bob")).isEqualTo(1);
        assertThat(stored("bob")).isEmpty();
    }

    @Test
    void invalidNameIsAClearError() {
        assertThat(run("pw\npw\n", "user", "add", "-bob/..")).isEqualTo(2);   // looks like an option: usage
        assertThat(run("pw\npw\n", "user", "add", "bob/..")).isEqualTo(1);
        assertThat(err.toString()).contains("invalid user name 'bob/..'");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void addingTwiceFails() {
        assertThat(run("a\na\n", "user", "add", "bob")).isZero();
        assertThat(run("b\nb\n", "user", "add", "bob")).isEqualTo(1);
        assertThat(err.toString()).contains("user 'bob' already exists");
        assertThat(PasswordHasher.verify("a".toCharArray(), stored("bob").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void badAmountIsAUsageError() {
        assertThat(run("a\na\n", "user", "add", "bob", "--upload-rate", "fast")).isEqualTo(2);
        assertThat(run("a\na\n", "user", "add", "bob", "--max-sessions", "-1")).isEqualTo(2);
        assertThat(stored("bob")).isEmpty();
    }

    @Test
    void listIsASortedTable() {
        run("a\na\n", "user", "add", "zoe", "--upload-rate", "1M");
        run("a\na\n", "user", "add", "adam", "--disabled", "--home", "/srv/adam", "--quota-files", "10");
        run("a\na\n", "user", "add", "mia");

        assertThat(run("", "user", "list")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("NAME").contains("ENABLED", "HOME", "SESSIONS", "UPLOAD", "QUOTA")
                .endsWith("FILES  RATIO  GROUPS");
        assertThat(lines.get(1)).startsWith("adam ").contains(" no ", "/srv/adam", " 10 ").endsWith(" -");
        assertThat(lines.get(2)).startsWith("mia ").contains(" yes ", dir.resolve("home/mia").toString());
        assertThat(lines.get(3)).startsWith("zoe ").contains("1M/s");
        // Columns line up.
        int homeColumn = lines.get(0).indexOf("HOME");
        assertThat(lines.get(1).indexOf("/srv/adam")).isEqualTo(homeColumn);
    }

    @Test
    void addWithGroups() {
        assertThat(run("pw\npw\n", "user", "add", "bob", "--groups", "users,staff")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("Added user bob (home: " + dir.resolve("home/bob") + ", groups: staff,users)");
        assertThat(stored("bob").orElseThrow().groups()).containsExactly("staff", "users");

        assertThat(run("pw\npw\n", "user", "add", "eve", "-g", "ftp", "--disabled")).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("Added user eve (home: " + dir.resolve("home/eve") + ", groups: ftp), disabled");
        assertThat(stored("eve").orElseThrow().groups()).containsExactly("ftp");
    }

    @Test
    void invalidGroupIsAUsageError() {
        assertThat(run("pw\npw\n", "user", "add", "bob", "--groups", "users,!staff")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--groups'",
                "invalid group name '!staff': '!' negates a group");
        assertThat(run("pw\npw\n", "user", "add", "bob", "-g", "users,,staff")).isEqualTo(2);
        assertThat(err.toString()).contains("empty group name");
        assertThat(run("pw\npw\n", "user", "add", "bob", "-g", "a b")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid group name 'a b'");
        assertThat(stored("bob")).isEmpty();

        run("pw\npw\n", "user", "add", "bob");
        assertThat(run("", "user", "mod", "bob", "--add-group", "users,staff")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--add-group'",
                "invalid group name 'users,staff': one name only");
        assertThat(run("", "user", "mod", "bob", "--remove-group", "!staff")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--remove-group'");
        assertThat(run("", "user", "mod", "bob", "--groups", "x/y")).isEqualTo(2);
        assertThat(stored("bob").orElseThrow().groups()).isEmpty();
    }

    @Test
    void modGroupsReplacesTheList() {
        run("a\na\n", "user", "add", "bob", "--groups", "users,staff");
        assertThat(run("", "user", "mod", "bob", "--groups", "ftp,admins")).isZero();
        assertThat(out.toString().strip()).isEqualTo("Updated user bob");
        assertThat(stored("bob").orElseThrow().groups()).containsExactly("admins", "ftp");

        assertThat(run("", "user", "mod", "bob", "-g", "")).isZero();
        assertThat(stored("bob").orElseThrow().groups()).isEmpty();
    }

    @Test
    void modAddsAndRemovesGroups() {
        run("a\na\n", "user", "add", "bob", "--groups", "users,staff");
        assertThat(run("", "user", "mod", "bob", "--add-group", "ftp", "--add-group", "admins",
                "--remove-group", "staff")).isZero();
        assertThat(stored("bob").orElseThrow().groups()).containsExactly("admins", "ftp", "users");

        // Adding a group the user is already in changes nothing.
        assertThat(run("", "user", "mod", "bob", "--add-group", "ftp")).isZero();
        assertThat(stored("bob").orElseThrow().groups()).containsExactly("admins", "ftp", "users");

        assertThat(run("", "user", "mod", "bob", "--remove-group", "admins", "--remove-group", "users",
                "--remove-group", "ftp")).isZero();
        assertThat(stored("bob").orElseThrow().groups()).isEmpty();
    }

    @Test
    void removingAGroupTheUserIsNotInFailsAndChangesNothing() {
        run("a\na\n", "user", "add", "bob", "--groups", "users,staff");
        assertThat(run("", "user", "mod", "bob", "--remove-group", "users", "--remove-group", "stafff",
                "--disable")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("ferry user mod: user 'bob' is not in group 'stafff'");
        StoredUser bob = stored("bob").orElseThrow();
        assertThat(bob.groups()).containsExactly("staff", "users");
        assertThat(bob.enabled()).isTrue();
    }

    @Test
    void groupOptionUsageErrors() {
        run("a\na\n", "user", "add", "bob", "--groups", "users");
        assertThat(run("", "user", "mod", "bob", "--groups", "a", "--add-group", "b")).isEqualTo(2);
        assertThat(err.toString()).contains("--groups sets the whole list");
        assertThat(run("", "user", "mod", "bob", "--groups", "a", "--remove-group", "users")).isEqualTo(2);
        assertThat(run("", "user", "mod", "bob", "--add-group", "x", "--remove-group", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Group 'x' is both added and removed");
        assertThat(run("pw\npw\n", "user", "add", "eve", "-g", "a", "-g", "b")).isEqualTo(2);
        assertThat(run("", "user", "mod", "ghost", "--add-group", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("no such user 'ghost'");
        assertThat(stored("bob").orElseThrow().groups()).containsExactly("users");
        assertThat(stored("eve")).isEmpty();
    }

    @Test
    void otherChangesKeepTheGroups() {
        run("old\nold\n", "user", "add", "bob", "--groups", "users,staff");
        assertThat(run("", "user", "mod", "bob", "--disable", "--max-sessions", "3")).isZero();
        assertThat(run("new\nnew\n", "user", "passwd", "bob")).isZero();
        StoredUser bob = stored("bob").orElseThrow();
        assertThat(bob.groups()).containsExactly("staff", "users");
        assertThat(bob.enabled()).isFalse();
        assertThat(PasswordHasher.verify("new".toCharArray(), bob.passwordHash())).isTrue();
    }

    @Test
    void listShowsGroups() {
        run("a\na\n", "user", "add", "bob", "--groups", "users,staff");
        run("a\na\n", "user", "add", "eve");

        assertThat(run("", "user", "list")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        int groupsColumn = lines.get(0).indexOf("GROUPS");
        assertThat(groupsColumn).isPositive();
        assertThat(lines.get(1)).startsWith("bob ").endsWith(" staff,users");
        assertThat(lines.get(1).indexOf("staff,users")).isEqualTo(groupsColumn);
        assertThat(lines.get(2)).startsWith("eve ").endsWith(" -");
        assertThat(lines.get(2).lastIndexOf('-')).isEqualTo(groupsColumn);
    }

    @Test
    void listOfNoUsers() {
        assertThat(run("", "user", "list")).isZero();
        assertThat(out.toString()).contains("No users");
    }

    @Test
    void delRemovesAndMissingIsAnError() {
        run("a\na\n", "user", "add", "bob");
        assertThat(run("", "user", "del", "bob")).isZero();
        assertThat(out.toString()).contains("Deleted user bob");
        assertThat(stored("bob")).isEmpty();

        assertThat(run("", "user", "del", "bob")).isEqualTo(1);
        assertThat(err.toString()).contains("no such user 'bob'");
    }

    @Test
    void modChangesOnlyWhatIsGiven() {
        run("a\na\n", "user", "add", "bob", "--max-sessions", "4", "--upload-rate", "1M");
        String hash = stored("bob").orElseThrow().passwordHash();

        assertThat(run("", "user", "mod", "bob", "--disable", "--home", "/srv/bob", "--upload-rate", "0")).isZero();
        StoredUser bob = stored("bob").orElseThrow();
        assertThat(bob.enabled()).isFalse();
        assertThat(bob.home()).contains(Path.of("/srv/bob"));
        assertThat(bob.limits()).isEqualTo(new UserLimits(4, 0, 0, 0, 0));
        assertThat(bob.passwordHash()).isEqualTo(hash);

        assertThat(run("", "user", "mod", "bob", "--enable", "--default-home")).isZero();
        bob = stored("bob").orElseThrow();
        assertThat(bob.enabled()).isTrue();
        assertThat(bob.home()).isEmpty();
    }

    @Test
    void modUsageErrors() {
        run("a\na\n", "user", "add", "bob");
        assertThat(run("", "user", "mod", "bob")).isEqualTo(2);
        assertThat(err.toString()).contains("Nothing to change", "--add-group");
        assertThat(run("", "user", "mod", "bob", "--enable", "--disable")).isEqualTo(2);
        assertThat(run("", "user", "mod", "bob", "--home", "/x", "--default-home")).isEqualTo(2);
        assertThat(run("", "user", "mod", "ghost", "--enable")).isEqualTo(1);
        assertThat(err.toString()).contains("no such user 'ghost'");
    }

    @Test
    void passwdReplacesThePassword() {
        run("old\nold\n", "user", "add", "bob");
        assertThat(run("new\nnew\n", "user", "passwd", "bob")).isZero();
        String hash = stored("bob").orElseThrow().passwordHash();
        assertThat(PasswordHasher.verify("new".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("old".toCharArray(), hash)).isFalse();

        assertThat(run("x\ny\n", "user", "passwd", "bob")).isEqualTo(1);
        assertThat(PasswordHasher.verify("new".toCharArray(), stored("bob").orElseThrow().passwordHash())).isTrue();

        assertThat(run("x\nx\n", "user", "passwd", "ghost")).isEqualTo(1);
        assertThat(err.toString()).contains("no such user 'ghost'");
    }

    @Test
    void userAloneIsAUsageError() {
        CommandLine cmd = FerryCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("user")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing subcommand");
    }
}
