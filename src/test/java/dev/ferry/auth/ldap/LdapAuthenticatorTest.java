package dev.ferry.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import dev.ferry.auth.AuthResult;
import dev.ferry.auth.HomeDirectory;
import dev.ferry.auth.UserAccount;
import dev.ferry.auth.UserLimits;
import dev.ferry.auth.VerifiedPasswordCache;
import dev.ferry.auth.password.PasswordFormat;
import dev.ferry.fs.VirtualPath;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LDAP accounts against an in-memory directory: both ways of checking a password, and every way to say no. */
class LdapAuthenticatorTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private TestDirectory directory;
    private LdapAuthenticator ldap;

    @BeforeEach
    void start() throws Exception {
        directory = TestDirectory.start();
    }

    @AfterEach
    void stop() {
        if (ldap != null) {
            ldap.close();
        }
        directory.close();
    }

    private LdapAuthenticator ldap(TestDirectory.Settings settings) {
        return ldap(settings, Optional.empty());
    }

    private LdapAuthenticator ldap(TestDirectory.Settings settings, Optional<VerifiedPasswordCache> cache) {
        if (ldap != null) {
            ldap.close();
        }
        ldap = new LdapAuthenticator(settings.build(), cache);
        return ldap;
    }

    private static AuthResult login(LdapAuthenticator source, String user, String password) {
        return source.authenticate(user, password.toCharArray(), CLIENT);
    }

    private static UserAccount account(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Success.class);
        return ((AuthResult.Success) result).account();
    }

    private static String reason(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Failure.class);
        return ((AuthResult.Failure) result).reason();
    }

    @Test
    void bindChecksThePasswordAsTheUsersOwnDn() {
        LdapAuthenticator source = ldap(directory.settings());
        UserAccount alice = account(login(source, "alice", "alice-pw"));
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.anonymous()).isFalse();
        assertThat(alice.root()).isEqualTo(Path.of("/srv/ftp/alice"));
        assertThat(alice.start()).isEqualTo(VirtualPath.ROOT);
        assertThat(alice.home()).contains(Path.of("/srv/ftp/alice"));
        assertThat(alice.groups()).isEmpty();
        assertThat(alice.limits()).isEqualTo(UserLimits.NONE);
        assertThat(reason(login(source, "alice", "alice-PW"))).isEqualTo("wrong password");
        // the search still works after a user's bind: binds never happen on the pooled connections
        assertThat(login(source, "erin", "wrong")).isInstanceOf(AuthResult.Failure.class);
        assertThat(account(login(source, "alice", "alice-pw")).name()).isEqualTo("alice");
    }

    @Test
    void compareReadsRfc2307SchemesAndCrypt() throws Exception {
        TestDirectory.Settings settings = directory.settings().method(LdapSettings.Method.COMPARE);
        LdapAuthenticator source = ldap(settings);
        assertThat(account(login(source, "carol", "carol-pw")).root()).isEqualTo(Path.of("/home/carol"));
        assertThat(reason(login(source, "carol", "carol-pw "))).isEqualTo("wrong password");
        assertThat(account(login(source, "dave", "dave-pw")).name()).isEqualTo("dave");
        assertThat(reason(login(source, "dave", "Dave-pw"))).isEqualTo("wrong password");
        // a value without {SCHEME}: crypt(3) by default
        assertThat(account(login(source, "ivan", "ivan-pw")).name()).isEqualTo("ivan");
        assertThat(reason(login(source, "alice", "alice-pw"))).as("clear value read as crypt")
                .isEqualTo("wrong password");

        settings.unschemed = PasswordFormat.PLAINTEXT;
        source = ldap(settings);
        assertThat(account(login(source, "alice", "alice-pw")).name()).isEqualTo("alice");
        assertThat(reason(login(source, "ivan", "ivan-pw"))).as("hash read as plain text").isEqualTo("wrong password");
    }

    @Test
    void compareWithoutAReadableUserPasswordIsRefused() throws Exception {
        LdapAuthenticator source = ldap(directory.settings().method(LdapSettings.Method.COMPARE));
        assertThat(login(source, "carol", "carol-pw")).isInstanceOf(AuthResult.Success.class);
        // what a service account without read access to userPassword sees
        directory.server.modify("uid=carol," + TestDirectory.PEOPLE, new Modification(ModificationType.DELETE,
                "userPassword"));
        assertThat(reason(login(source, "carol", "carol-pw"))).isEqualTo("no readable userPassword");
    }

    @Test
    void theCacheRemembersAComparedPasswordByItsStoredValue() throws Exception {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(Duration.ofMinutes(5), 100);
        LdapAuthenticator source = ldap(directory.settings().method(LdapSettings.Method.COMPARE), Optional.of(cache));
        String stored = directory.server.getEntry("uid=carol," + TestDirectory.PEOPLE).getAttributeValue("userPassword");
        assertThat(cache.matches("carol", stored, "carol-pw".toCharArray())).isFalse();
        account(login(source, "carol", "carol-pw"));
        assertThat(cache.matches("carol", stored, "carol-pw".toCharArray())).isTrue();
        // a new password in the directory: the remembered one is of no use any more
        directory.server.modify("uid=carol," + TestDirectory.PEOPLE, new Modification(ModificationType.REPLACE,
                "userPassword", TestDirectory.ssha("new-pw")));
        assertThat(reason(login(source, "carol", "carol-pw"))).isEqualTo("wrong password");
        account(login(source, "carol", "new-pw"));
    }

    @Test
    void aNameTheDirectoryLacksIsLeftToTheNextSource() {
        for (LdapSettings.Method method : LdapSettings.Method.values()) {
            LdapAuthenticator source = ldap(directory.settings().method(method));
            assertThat(login(source, "nobody", "x")).isInstanceOf(AuthResult.NotApplicable.class);
            assertThat(source.find("nobody", CLIENT)).isInstanceOf(AuthResult.NotApplicable.class);
            assertThat(login(source, "", "x")).isInstanceOf(AuthResult.NotApplicable.class);
            assertThat(login(source, null, "x")).isInstanceOf(AuthResult.NotApplicable.class);
        }
    }

    @Test
    void anEmptyPasswordNeverLogsIn() {
        for (LdapSettings.Method method : LdapSettings.Method.values()) {
            TestDirectory.Settings settings = directory.settings().method(method);
            settings.unschemed = PasswordFormat.PLAINTEXT;
            LdapAuthenticator source = ldap(settings);
            assertThat(reason(login(source, "alice", ""))).isEqualTo("empty password");
            assertThat(reason(source.authenticate("alice", null, CLIENT))).isEqualTo("empty password");
            assertThat(login(source, "alice", "alice-pw")).isInstanceOf(AuthResult.Success.class);
        }
    }

    @Test
    void filterSyntaxInANameIsEscapedAndCannotWidenTheSearch() throws Exception {
        FilterTemplate template = new FilterTemplate(LdapSettings.PROFTPD_USER_FILTER);
        // What an unescaped name would do to this directory: "*" finds every account.
        assertThat(directory.server.search(TestDirectory.BASE, SearchScope.SUB,
                Filter.create(LdapSettings.PROFTPD_USER_FILTER.replace("%u", "*"))).getSearchEntries()).hasSizeGreaterThan(5);
        assertThat(directory.server.search(TestDirectory.BASE, SearchScope.SUB, template.fill("alice", ""))
                .getSearchEntries()).hasSize(1);
        for (String name : List.of("*", "a*", "alice)(uid=*", "*)(|(uid=*", "alice)(|(objectclass=*)",
                "\\2a", "\\", "alice\0", "alice\0)(uid=*", "(uid=alice)", ")")) {
            Filter filter = template.fill(name, "");
            assertThat(directory.server.search(TestDirectory.BASE, SearchScope.SUB, filter).getSearchEntries()).as(name)
                    .isEmpty();
            assertThat(filter.getComponents()).as(name).hasSize(2);
            assertThat(filter.getComponents()[0].getAssertionValue()).as(name).isEqualTo(name);
        }
        assertThat(template.fill("*)(uid=*", "").toString()).isEqualTo(
                "(&(uid=\\2a\\29\\28uid=\\2a)(objectclass=posixAccount))");
        // and such names never reach the directory at all
        LdapAuthenticator source = ldap(directory.settings());
        for (String name : List.of("*", "alice)(uid=*", "al*", "alice\0", "\\")) {
            assertThat(login(source, name, "alice-pw")).as(name).isInstanceOf(AuthResult.NotApplicable.class);
            assertThat(source.find(name, CLIENT)).as(name).isInstanceOf(AuthResult.NotApplicable.class);
        }
    }

    @Test
    void aFilterThatMatchesTwoEntriesRefusesTheLogin() {
        LdapAuthenticator source = ldap(directory.settings());
        assertThat(reason(login(source, "twin", "twin-pw"))).contains("more than one entry");
        assertThat(reason(source.find("twin", CLIENT))).contains("more than one entry");
    }

    @Test
    void anUnreachableDirectorySaysNoAndDoesNotPassTheNameOn() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TestDirectory.Settings settings = new TestDirectory.Settings(List.of(
                new LdapSettings.Server(false, "127.0.0.1", closed)));
        for (LdapSettings.Method method : LdapSettings.Method.values()) {
            LdapAuthenticator source = ldap(settings.method(method));
            assertThat(reason(login(source, "alice", "alice-pw"))).startsWith("LDAP directory unavailable: ");
            assertThat(reason(source.find("alice", CLIENT))).startsWith("LDAP directory unavailable: ");
        }
    }

    @Test
    void aDirectoryThatGoesAwayAfterALoginSaysNoToTheNext() {
        LdapAuthenticator source = ldap(directory.settings());
        account(login(source, "alice", "alice-pw"));
        directory.server.shutDown(true);
        assertThat(reason(login(source, "alice", "alice-pw"))).startsWith("LDAP directory unavailable: ");
        assertThat(reason(login(source, "nobody", "x"))).startsWith("LDAP directory unavailable: ");
    }

    @Test
    void theSecondServerIsAskedWhenTheFirstIsDown() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        LdapAuthenticator source = ldap(new TestDirectory.Settings(List.of(
                new LdapSettings.Server(false, "127.0.0.1", closed), directory.address())));
        assertThat(account(login(source, "alice", "alice-pw")).name()).isEqualTo("alice");
    }

    @Test
    void aDirectoryThatNeverAnswersTimesOut() throws Exception {
        // The kernel accepts the connection into the backlog; nothing ever answers on it.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            TestDirectory.Settings settings = new TestDirectory.Settings(List.of(
                    new LdapSettings.Server(false, "127.0.0.1", silent.getLocalPort())));
            settings.timeout = Duration.ofMillis(300);
            LdapAuthenticator source = ldap(settings);
            long started = System.nanoTime();
            assertThat(reason(login(source, "alice", "alice-pw"))).startsWith("LDAP directory unavailable: ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aWrongServicePasswordIsAnOutageNotAnUnknownUser() {
        TestDirectory.Settings settings = directory.settings();
        settings.bind = Optional.of(new LdapSettings.Credentials(TestDirectory.SERVICE_DN, "not-it"));
        LdapAuthenticator source = ldap(settings);
        assertThat(login(source, "alice", "alice-pw")).isInstanceOf(AuthResult.Failure.class);
        assertThat(login(source, "nobody", "x")).isInstanceOf(AuthResult.Failure.class);
    }

    @Test
    void anonymousSearchesNeedNoServiceAccount() {
        TestDirectory.Settings settings = directory.settings();
        settings.bind = Optional.empty();
        LdapAuthenticator source = ldap(settings);
        assertThat(account(login(source, "alice", "alice-pw")).name()).isEqualTo("alice");
        assertThat(reason(login(source, "alice", "nope"))).isEqualTo("wrong password");
    }

    @Test
    void groupsComeFromPosixGroupMemberUidOrFromGroupOfNamesMembers() {
        TestDirectory.Settings settings = directory.settings();
        settings.groups = Optional.of(new LdapSettings.GroupSearch(TestDirectory.GROUPS,
                new FilterTemplate(LdapSettings.PROFTPD_MEMBER_FILTER)));
        LdapAuthenticator source = ldap(settings);
        // "not valid" is no group name Ferry can use in a <Limit>, so it is left out
        assertThat(account(login(source, "alice", "alice-pw")).groups()).containsExactlyInAnyOrder("staff", "users");
        assertThat(account(source.find("carol", CLIENT)).groups()).containsExactly("staff");
        assertThat(account(login(source, "gina", "gina-pw")).groups()).isEmpty();

        settings.groups = Optional.of(new LdapSettings.GroupSearch(TestDirectory.GROUPS,
                new FilterTemplate("(&(member=%d)(objectclass=groupOfNames)(!(cn=%u)))")));
        source = ldap(settings);
        assertThat(account(login(source, "alice", "alice-pw")).groups()).containsExactly("admins");
        assertThat(account(source.find("carol", CLIENT)).groups()).isEmpty();
    }

    @Test
    void anEntryWithoutAHomeNeedsAGeneratedOne() {
        TestDirectory.Settings settings = directory.settings();
        LdapAuthenticator source = ldap(settings);
        assertThat(reason(login(source, "erin", "erin-pw"))).contains("has no homeDirectory");
        assertThat(reason(login(source, "hank", "hank-pw"))).contains("'ftp/hank'").contains("not an absolute path");

        settings.home = Optional.of(new LdapSettings.GeneratedHome(Path.of("/data/ftp/"), true, false));
        source = ldap(settings);
        assertThat(account(login(source, "erin", "erin-pw")).root()).isEqualTo(Path.of("/data/ftp/erin"));
        assertThat(account(login(source, "alice", "alice-pw")).root()).isEqualTo(Path.of("/srv/ftp/alice"));

        settings.home = Optional.of(new LdapSettings.GeneratedHome(Path.of("/data/ftp"), false, true));
        source = ldap(settings);
        assertThat(account(login(source, "erin", "erin-pw")).root()).isEqualTo(Path.of("/data/ftp"));
        assertThat(account(login(source, "alice", "alice-pw")).root()).isEqualTo(Path.of("/data/ftp"));
        assertThat(account(login(source, "hank", "hank-pw")).root()).isEqualTo(Path.of("/data/ftp"));

        settings.home = Optional.of(new LdapSettings.GeneratedHome(Path.of("/data/./ftp"), true, false));
        source = ldap(settings);
        UserAccount erin = account(login(source, "erin", "erin-pw"));
        assertThat(erin.root()).isEqualTo(Path.of("/data"));
        assertThat(erin.start().toString()).isEqualTo("/ftp/erin");
        assertThat(erin.home()).contains(Path.of("/data/ftp/erin"));
    }

    @Test
    void aDotSlashDotInTheHomeSplitsJailFromStart() throws Exception {
        LdapAuthenticator source = ldap(directory.settings().method(LdapSettings.Method.COMPARE));
        UserAccount dave = account(login(source, "dave", "dave-pw"));
        assertThat(dave.root()).isEqualTo(Path.of("/srv/ftp"));
        assertThat(dave.start().toString()).isEqualTo("/dave");
        assertThat(dave.home()).contains(Path.of("/srv/ftp/dave"));

        assertThat(HomeDirectory.parse("/./").orElseThrow().root()).isEqualTo(Path.of("/"));
        assertThat(HomeDirectory.parse("/srv/./a/../../..").orElseThrow()).isEqualTo(
                new HomeDirectory.Jail(Path.of("/srv"), VirtualPath.ROOT, Path.of("/srv")));
        assertThat(HomeDirectory.parse("/srv/ftp/./alice/./in")).isEqualTo(Optional.of(new HomeDirectory.Jail(
                Path.of("/srv/ftp"), VirtualPath.ROOT.resolve("/alice/in"), Path.of("/srv/ftp/alice/in"))));
        assertThat(HomeDirectory.parse("srv/./alice")).isEmpty();
        assertThat(HomeDirectory.parse("/srv/\u0001x")).isEmpty();
        assertThat(HomeDirectory.parse("/srv/a\0b")).isEmpty();
    }

    @Test
    void pureFtpdStatusAndLimitsAreReadWhenNamed() {
        TestDirectory.Settings settings = directory.settings();
        LdapAuthenticator source = ldap(settings);
        assertThat(account(login(source, "frank", "frank-pw")).name()).as("FTPStatus not read").isEqualTo("frank");
        assertThat(account(login(source, "gina", "gina-pw")).limits()).isEqualTo(UserLimits.NONE);

        settings.limits = LdapSettings.LimitAttributes.PURE_FTPD;
        source = ldap(settings);
        assertThat(reason(login(source, "frank", "frank-pw"))).startsWith("account disabled");
        assertThat(reason(source.find("frank", CLIENT))).startsWith("account disabled");
        assertThat(account(login(source, "gina", "gina-pw")).limits()).isEqualTo(
                new UserLimits(0, 64 * 1024, 128 * 1024, 5L * 1024 * 1024, 100, 1, 3));
        assertThat(account(login(source, "alice", "alice-pw")).limits()).isEqualTo(UserLimits.NONE);
    }

    @Test
    void unreadableLimitsRefuseTheLoginRatherThanDropTheLimit() throws Exception {
        TestDirectory.Settings settings = directory.settings();
        settings.limits = LdapSettings.LimitAttributes.PURE_FTPD;
        LdapAuthenticator source = ldap(settings);
        String gina = "uid=gina," + TestDirectory.PEOPLE;
        directory.server.modify(gina, new Modification(ModificationType.REPLACE, "FTPQuotaMBytes", "-5"));
        assertThat(reason(login(source, "gina", "gina-pw"))).contains("FTPQuotaMBytes '-5'");
        directory.server.modify(gina, new Modification(ModificationType.REPLACE, "FTPQuotaMBytes", "5"),
                new Modification(ModificationType.DELETE, "FTPDownloadRatio"));
        assertThat(reason(login(source, "gina", "gina-pw"))).contains("half a ratio");
    }

    @Test
    void findGivesTheAccountWithoutAPassword() {
        LdapAuthenticator source = ldap(directory.settings());
        assertThat(account(source.find("alice", CLIENT)).root()).isEqualTo(Path.of("/srv/ftp/alice"));
        assertThat(reason(source.find("erin", CLIENT))).contains("has no homeDirectory");
    }

    @Test
    void theAccountTakesTheDirectorysSpellingOfTheName() {
        LdapAuthenticator source = ldap(directory.settings());
        assertThat(account(login(source, "MIXED", "mixed-pw")).name()).isEqualTo("Mixed");
        assertThat(account(login(source, "ALICE", "alice-pw")).name()).isEqualTo("alice");
    }

    @Test
    void aClosedSourceSaysNo() {
        LdapAuthenticator source = ldap(directory.settings());
        source.close();
        assertThat(login(source, "alice", "alice-pw")).isInstanceOf(AuthResult.Failure.class);
    }
}
