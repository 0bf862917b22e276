package dev.ferry.policy.limit;

import static dev.ferry.policy.limit.Fixtures.anonymousClient;
import static dev.ferry.policy.limit.Fixtures.ip;
import static dev.ferry.policy.limit.Fixtures.limit;
import static dev.ferry.policy.limit.Fixtures.rule;
import static dev.ferry.policy.limit.Fixtures.user;
import static dev.ferry.policy.limit.Fixtures.userInClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitSectionTest {

    @Test
    void orderParsesProftpdSpellings() {
        assertThat(Order.parse("allow,deny")).isEqualTo(Order.ALLOW_DENY);
        assertThat(Order.parse("Deny,Allow")).isEqualTo(Order.DENY_ALLOW);
        assertThat(Order.parse("allow, deny")).isEqualTo(Order.ALLOW_DENY);
        assertThat(Order.parse(" deny , allow ")).isEqualTo(Order.DENY_ALLOW);
        assertThat(Order.DENY_ALLOW.toString()).isEqualTo("deny,allow");
        assertThatThrownBy(() -> Order.parse("allow")).hasMessageContaining("expected 'allow,deny' or 'deny,allow'");
        assertThatThrownBy(() -> Order.parse("mutual-failure")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowDenyWhenBothSidesMatchAllows() {
        LimitSection s = limit("LOGIN", Order.ALLOW_DENY, "Allow from 10.1.1.", "Deny from all");
        assertThat(s.evaluate(anonymousClient("10.1.1.5"))).isEqualTo(Decision.ALLOW);
        assertThat(s.evaluate(anonymousClient("10.2.0.1"))).isEqualTo(Decision.DENY);
    }

    @Test
    void denyAllowWhenBothSidesMatchDenies() {
        // FAQ chapter 5 §11
        LimitSection s = limit("LOGIN", Order.DENY_ALLOW, "Deny from 10.1.1.", "Allow from all");
        assertThat(s.evaluate(anonymousClient("10.1.1.5"))).isEqualTo(Decision.DENY);
        assertThat(s.evaluate(anonymousClient("10.1.2.5"))).isEqualTo(Decision.ALLOW);
        // the order of the lines in the file does not matter, Order does
        LimitSection reversed = limit("LOGIN", Order.DENY_ALLOW, "Allow from all", "Deny from 10.1.1.");
        assertThat(reversed.evaluate(anonymousClient("10.1.1.5"))).isEqualTo(Decision.DENY);
    }

    @Test
    void apacheStyleDenyAllowWithAllowExceptionDoesNotWorkInProftpd() {
        // the mailing-list trap: under ProFTPD's deny,allow the Deny from all wins for everyone
        LimitSection s = limit("LOGIN", Order.DENY_ALLOW, "Allow from 192.168.1.1", "Deny from all");
        assertThat(s.evaluate(anonymousClient("192.168.1.1"))).isEqualTo(Decision.DENY);
        LimitSection fixed = limit("LOGIN", Order.ALLOW_DENY, "Allow from 192.168.1.1", "Deny from all");
        assertThat(fixed.evaluate(anonymousClient("192.168.1.1"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void neitherSideMatchingIsImplicitAllowUnderAllowDenyAndImplicitDenyUnderDenyAllow() {
        LimitSection allowOnly = limit("READ", Order.ALLOW_DENY, "Allow from 10.1.1.");
        assertThat(allowOnly.evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.NONE);
        LimitSection denyOnly = limit("READ", Order.ALLOW_DENY, "Deny from 10.1.1.");
        assertThat(denyOnly.evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.NONE);

        LimitSection allowOnlyDenyFirst = limit("READ", Order.DENY_ALLOW, "Allow from 10.1.1.");
        assertThat(allowOnlyDenyFirst.evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.DENY);
        assertThat(allowOnlyDenyFirst.evaluate(anonymousClient("10.1.1.9"))).isEqualTo(Decision.ALLOW);
        LimitSection denyOnlyDenyFirst = limit("READ", Order.DENY_ALLOW, "Deny from 10.1.1.");
        assertThat(denyOnlyDenyFirst.evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.DENY);

        assertThat(limit("READ", Order.DENY_ALLOW).evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.DENY);
        assertThat(limit("READ").evaluate(anonymousClient("10.9.9.9"))).isEqualTo(Decision.NONE);
    }

    @Test
    void allowAllAndDenyAllFollowOrderToo() {
        assertThat(limit("ALL", "AllowAll", "DenyAll").evaluate(anonymousClient("10.0.0.1"))).isEqualTo(Decision.ALLOW);
        assertThat(limit("ALL", Order.DENY_ALLOW, "AllowAll", "DenyAll").evaluate(anonymousClient("10.0.0.1")))
                .isEqualTo(Decision.DENY);
        assertThat(limit("WRITE", "DenyAll").evaluate(user("10.0.0.1", "bob"))).isEqualTo(Decision.DENY);
        // Deny from none names nobody; Allow from none does not stop the implicit allow
        assertThat(limit("WRITE", "Deny from none").evaluate(user("10.0.0.1", "bob"))).isEqualTo(Decision.NONE);
        assertThat(limit("WRITE", "Allow from none").evaluate(user("10.0.0.1", "bob"))).isEqualTo(Decision.NONE);
    }

    @Test
    void allowUserExceptionsToDenyAll() {
        // Limit howto: only barb, dave and group ftpuser may log in
        LimitSection s = limit("LOGIN", "AllowUser barb", "AllowUser dave", "AllowGroup ftpuser", "DenyAll");
        assertThat(s.evaluate(user("10.0.0.1", "barb"))).isEqualTo(Decision.ALLOW);
        assertThat(s.evaluate(user("10.0.0.1", "dave", "users"))).isEqualTo(Decision.ALLOW);
        assertThat(s.evaluate(user("10.0.0.1", "erin", "ftpuser"))).isEqualTo(Decision.ALLOW);
        assertThat(s.evaluate(user("10.0.0.1", "erin", "users"))).isEqualTo(Decision.DENY);
        // before login the AllowUser lines might hold, so the connection is not refused
        assertThat(s.evaluate(anonymousClient("10.0.0.1"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void allowUserListIsOrAndAllowGroupListIsAnd() {
        LimitSection users = limit("RETR", "AllowUser alice,bob", "DenyAll");
        assertThat(users.evaluate(user("10.0.0.1", "bob"))).isEqualTo(Decision.ALLOW);
        assertThat(users.evaluate(user("10.0.0.1", "carol"))).isEqualTo(Decision.DENY);
        LimitSection groups = limit("RETR", "AllowGroup ftp,!admin", "DenyAll");
        assertThat(groups.evaluate(user("10.0.0.1", "u", "ftp"))).isEqualTo(Decision.ALLOW);
        assertThat(groups.evaluate(user("10.0.0.1", "u", "ftp", "admin"))).isEqualTo(Decision.DENY);
        assertThat(groups.evaluate(user("10.0.0.1", "u", "admin"))).isEqualTo(Decision.DENY);
        LimitSection orGroups = limit("RETR", "AllowGroup OR www,doc", "DenyAll");
        assertThat(orGroups.evaluate(user("10.0.0.1", "u", "doc"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void denyGroupNegationFromFaqSection13() {
        LimitSection s = limit("LOGIN", "DenyGroup !anonftp");
        assertThat(s.evaluate(user("10.0.0.1", "alice", "anonftp", "users"))).isEqualTo(Decision.NONE);
        assertThat(s.evaluate(user("10.0.0.1", "bob", "users"))).isEqualTo(Decision.DENY);
        assertThat(s.evaluate(user("10.0.0.1", "carol"))).isEqualTo(Decision.DENY);
        // before login nobody's groups are known: the deny cannot apply yet
        assertThat(s.evaluate(anonymousClient("10.0.0.1"))).isEqualTo(Decision.NONE);
    }

    @Test
    void denyUserAppliesOnlyOnceTheUserIsKnown() {
        LimitSection s = limit("LOGIN", "DenyUser OR mallory,trudy");
        assertThat(s.evaluate(user("10.0.0.1", "trudy"))).isEqualTo(Decision.DENY);
        assertThat(s.evaluate(user("10.0.0.1", "alice"))).isEqualTo(Decision.NONE);
        assertThat(s.evaluate(anonymousClient("10.0.0.1"))).isEqualTo(Decision.NONE);
    }

    @Test
    void classRules() {
        LimitSection s = limit("ALL", "AllowClass internal", "DenyAll");
        assertThat(s.evaluate(userInClass("10.0.0.1", "u", "internal"))).isEqualTo(Decision.ALLOW);
        assertThat(s.evaluate(userInClass("10.0.0.1", "u", "partner"))).isEqualTo(Decision.DENY);
        assertThat(s.evaluate(user("10.0.0.1", "u"))).isEqualTo(Decision.DENY);
        LimitSection notTrusted = limit("ALL", "DenyClass !trusted");
        assertThat(notTrusted.evaluate(user("10.0.0.1", "u"))).isEqualTo(Decision.DENY);
        assertThat(notTrusted.evaluate(userInClass("10.0.0.1", "u", "trusted"))).isEqualTo(Decision.NONE);
        LimitSection orClasses = limit("ALL", "DenyClass bad,scanner");
        assertThat(orClasses.evaluate(userInClass("10.0.0.1", "u", "scanner"))).isEqualTo(Decision.DENY);
        assertThat(orClasses.evaluate(userInClass("10.0.0.1", "u", "good"))).isEqualTo(Decision.NONE);
    }

    @Test
    void addressLineNegationAndSeveralLines() {
        LimitSection exceptOne = limit("LOGIN", Order.DENY_ALLOW, "Allow from 10.0.0.0/8,!10.1.1.5");
        assertThat(exceptOne.evaluate(anonymousClient("10.1.1.6"))).isEqualTo(Decision.ALLOW);
        assertThat(exceptOne.evaluate(anonymousClient("10.1.1.5"))).isEqualTo(Decision.DENY);
        assertThat(exceptOne.evaluate(anonymousClient("192.0.2.1"))).isEqualTo(Decision.DENY);

        LimitSection outsiders = limit("LOGIN", "Deny from !10.0.0.0/8");
        assertThat(outsiders.evaluate(anonymousClient("192.0.2.1"))).isEqualTo(Decision.DENY);
        assertThat(outsiders.evaluate(anonymousClient("10.3.3.3"))).isEqualTo(Decision.NONE);

        LimitSection twoLines = limit("LOGIN", Order.DENY_ALLOW, "Allow from 10.1.1.", "Allow from 172.16.0.0/12");
        assertThat(twoLines.evaluate(anonymousClient("172.20.1.1"))).isEqualTo(Decision.ALLOW);
        assertThat(twoLines.evaluate(anonymousClient("10.1.1.1"))).isEqualTo(Decision.ALLOW);
        assertThat(twoLines.evaluate(anonymousClient("10.1.2.1"))).isEqualTo(Decision.DENY);
    }

    @Test
    void hostNameRulesUseTheResolvedName() {
        LimitSection s = limit("LOGIN", "Deny from .evil-domain.com");
        Requester resolved = Requester.beforeLogin(ip("198.51.100.7"), Optional.of("gw.EVIL-domain.com"), Optional.empty());
        Requester unresolved = Requester.beforeLogin(ip("198.51.100.7"), Optional.empty(), Optional.empty());
        assertThat(s.evaluate(resolved)).isEqualTo(Decision.DENY);
        assertThat(s.evaluate(unresolved)).isEqualTo(Decision.NONE);
    }

    @Test
    void readWriteCoversRetrAndStorButNotList() {
        LimitSection s = limit("READ WRITE", "DenyAll");
        assertThat(s.appliesTo("RETR", "READ")).isTrue();
        assertThat(s.appliesTo("STOR", "WRITE")).isTrue();
        assertThat(s.appliesTo("LIST", "DIRS")).isFalse();
        assertThat(s.appliesTo("USER", "LOGIN")).isFalse();
    }

    @Test
    void allCoversEveryCommandButLoginAndTheDataChannelSetup() {
        LimitSection s = limit("ALL", "DenyAll");
        assertThat(s.appliesTo("LIST", "DIRS")).isTrue();
        assertThat(s.appliesTo("SITE_CHMOD", "MISC")).isTrue();
        assertThat(s.appliesTo("PASS", "LOGIN")).isFalse();
        assertThat(s.appliesTo("LOGIN", "LOGIN")).isFalse();
        assertThat(s.appliesTo("PASV", "MISC")).isFalse();
        assertThat(s.appliesTo("EPRT", "MISC")).isFalse();
        assertThat(s.appliesTo("OPTS", "MISC")).isFalse();
        assertThat(limit("LOGIN", "DenyAll").appliesTo("PASS", "LOGIN")).isTrue();
        assertThat(limit("PASV EPSV", "DenyAll").appliesTo("PASV", "MISC")).isTrue();
    }

    @Test
    void targetsAreCaseInsensitiveAndXVariantsArePaired() {
        LimitSection s = limit("stor,cwd rmd site_chmod", "DenyAll");
        assertThat(s.targets()).containsExactlyInAnyOrder("STOR", "CWD", "XCWD", "RMD", "XRMD", "SITE_CHMOD");
        assertThat(s.appliesTo("xrmd", "WRITE")).isTrue();
        assertThat(s.appliesTo("XCWD", "DIRS")).isTrue();
        assertThat(s.names("Site_Chmod")).isTrue();
        assertThat(limit("XMKD", "DenyAll").names("MKD")).isTrue();
        assertThat(s.appliesTo("MKD", "WRITE")).isFalse();
        // MISC is Ferry's "no group": a block naming it names no command
        assertThat(limit("MISC", "DenyAll").appliesTo("SITE_HELP", "MISC")).isFalse();
    }

    @Test
    void malformedBlocksAndRulesAreRejected() {
        assertThatThrownBy(() -> new LimitSection(Set.of(), List.of())).hasMessageContaining("one or more commands");
        assertThatThrownBy(() -> new LimitSection(Set.of("STOR RETR"), List.of())).hasMessageContaining("is not a command");
        assertThatThrownBy(() -> LimitSection.parseTargets(" , ")).hasMessageContaining("one or more commands");
        assertThatThrownBy(() -> rule("AllowAll everyone")).hasMessageContaining("takes no arguments");
        assertThatThrownBy(() -> rule("Permit from all")).hasMessageContaining("not an access rule");
        assertThatThrownBy(() -> rule("Allow from")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessRule.DenyFrom(List.of())).hasMessageContaining("at least one pattern");
        assertThat(rule("allowuser alice,bob")).isEqualTo(new AccessRule.AllowUser(NameExpression.parse("OR alice,bob")));
        assertThat(rule("DenyGroup a,b")).isEqualTo(new AccessRule.DenyGroup(NameExpression.parse("AND a,b")));
    }

    @Test
    void requesterRejectsGroupsWithoutUser() {
        assertThatThrownBy(() -> new Requester(ip("10.0.0.1"), Optional.empty(), Optional.empty(), Set.of("staff"), Optional.empty()))
                .hasMessageContaining("only known after login");
        assertThatThrownBy(() -> new Requester(ip("10.0.0.1"), Optional.empty(), Optional.of(""), Set.of(), Optional.empty()))
                .hasMessageContaining("cannot be empty");
    }
}
