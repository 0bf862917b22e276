package dev.ferry.policy.limit;

import static dev.ferry.policy.limit.Fixtures.anonymousClient;
import static dev.ferry.policy.limit.Fixtures.context;
import static dev.ferry.policy.limit.Fixtures.ip;
import static dev.ferry.policy.limit.Fixtures.limit;
import static dev.ferry.policy.limit.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitChainTest {
    private static final Requester GUEST = user("203.0.113.4", "ftp", "ftp");

    @Test
    void faqSecureUploadDirectory() {
        // FAQ chapter 5 §3 / mod_core <Anonymous>: WRITE denied everywhere, incoming reversed
        LimitContext anonymous = context();
        LimitContext everywhere = context(limit("WRITE", "DenyAll"));
        LimitContext incoming = context(limit("STOR CWD", "AllowAll"), limit("READ RMD DELE MKD", "DenyAll"));
        List<LimitContext> inIncoming = List.of(incoming, everywhere, anonymous);
        List<LimitContext> inPub = List.of(everywhere, anonymous);

        assertThat(LimitChain.permits(inIncoming, "STOR", "WRITE", GUEST)).isTrue();
        assertThat(LimitChain.permits(inIncoming, "CWD", "DIRS", GUEST)).isTrue();
        assertThat(LimitChain.permits(inIncoming, "XCWD", "DIRS", GUEST)).isTrue();
        assertThat(LimitChain.permits(inIncoming, "RETR", "READ", GUEST)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "DELE", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "MKD", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "XMKD", "WRITE", GUEST)).isFalse();
        // RNTO and APPE are WRITE commands nobody allowed in incoming: the parent's WRITE deny holds
        assertThat(LimitChain.permits(inIncoming, "RNTO", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "APPE", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "LIST", "DIRS", GUEST)).isTrue();

        assertThat(LimitChain.permits(inPub, "STOR", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(inPub, "RETR", "READ", GUEST)).isTrue();
    }

    @Test
    void faqWriteInsteadOfStorWouldOpenEveryWriteCommand() {
        LimitContext everywhere = context(limit("WRITE", "DenyAll"));
        LimitContext incoming = context(limit("WRITE", "AllowAll"), limit("READ", "DenyAll"));
        List<LimitContext> inIncoming = List.of(incoming, everywhere);
        assertThat(LimitChain.permits(inIncoming, "DELE", "WRITE", GUEST)).isTrue();
        assertThat(LimitChain.permits(inIncoming, "RNTO", "WRITE", GUEST)).isTrue();
    }

    @Test
    void commandBeatsGroupBeatsAllWithinOneContext() {
        LimitContext uploads = context(
                limit("ALL", "DenyAll"),
                limit("CDUP CWD PWD XCWD XCUP", "AllowAll"),
                limit("STOR STOU", "AllowAll"));
        assertThat(uploads.decide("STOR", "WRITE", GUEST)).isEqualTo(Decision.ALLOW);
        assertThat(uploads.decide("XPWD", "DIRS", GUEST)).isEqualTo(Decision.ALLOW);
        assertThat(uploads.decide("DELE", "WRITE", GUEST)).isEqualTo(Decision.DENY);
        assertThat(uploads.decide("LIST", "DIRS", GUEST)).isEqualTo(Decision.DENY);
        assertThat(uploads.decide("PASV", "MISC", GUEST)).isEqualTo(Decision.NONE);

        LimitContext readOnly = context(limit("CWD PWD DIRS READ", "AllowUser ro"), limit("ALL", "DenyUser ro"));
        Requester ro = user("10.0.0.1", "ro");
        assertThat(readOnly.decide("RETR", "READ", ro)).isEqualTo(Decision.ALLOW);
        assertThat(readOnly.decide("NLST", "DIRS", ro)).isEqualTo(Decision.ALLOW);
        assertThat(readOnly.decide("STOR", "WRITE", ro)).isEqualTo(Decision.DENY);
        assertThat(readOnly.decide("STOR", "WRITE", user("10.0.0.1", "rw"))).isEqualTo(Decision.NONE);
    }

    @Test
    void firstDecidingBlockInFileOrderWinsForTheSameTarget() {
        LimitContext ctx = context(
                limit("DELE", "AllowUser ftpadm"),
                limit("DELE", "DenyAll"),
                limit("DELE", "AllowAll"));
        assertThat(ctx.decideFor("DELE", user("10.0.0.1", "ftpadm"))).isEqualTo(Decision.ALLOW);
        assertThat(ctx.decideFor("DELE", user("10.0.0.1", "bob"))).isEqualTo(Decision.DENY);
    }

    @Test
    void innerContextDecidesBeforeOuterForTheSameTarget() {
        LimitContext outer = context(limit("RMD XRMD", "DenyAll"));
        LimitContext below = context(limit("RMD XRMD", "AllowAll"));
        assertThat(LimitChain.permits(List.of(outer), "RMD", "WRITE", GUEST)).isFalse();
        assertThat(LimitChain.permits(List.of(below, outer), "RMD", "WRITE", GUEST)).isTrue();
        assertThat(LimitChain.decide(List.of(below, outer), "XRMD", "WRITE", GUEST)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void commandBlockInAnOuterContextOutranksGroupBlockInAnInnerOne() {
        // ProFTPD runs the command pass over the whole chain before the group pass
        LimitContext server = context(limit("STOR", "DenyAll"));
        LimitContext directory = context(limit("WRITE", "AllowAll"));
        List<LimitContext> chain = List.of(directory, server);
        assertThat(LimitChain.decide(chain, "STOR", "WRITE", GUEST)).isEqualTo(Decision.DENY);
        assertThat(LimitChain.decide(chain, "DELE", "WRITE", GUEST)).isEqualTo(Decision.ALLOW);
        // while the directory on its own would have allowed STOR
        assertThat(directory.decide("STOR", "WRITE", GUEST)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void noDecisionAnywhereAllows() {
        assertThat(LimitChain.permits(List.of(), "STOR", "WRITE", GUEST)).isTrue();
        assertThat(LimitChain.decide(List.of(LimitContext.EMPTY), "STOR", "WRITE", GUEST)).isEqualTo(Decision.NONE);
        LimitContext allowListOnly = context(limit("RETR", "Allow from 10.1.1."));
        assertThat(LimitChain.permits(List.of(allowListOnly), "RETR", "READ", GUEST)).isTrue();
    }

    @Test
    void anonymousOnlyVirtualServer() {
        // FAQ chapter 5 §10: deny logins at the top, allow them in <Anonymous>
        LimitContext server = context(limit("LOGIN", "DenyAll"));
        LimitContext anonymous = context(limit("LOGIN", "AllowAll"));
        Requester alice = user("10.0.0.1", "alice", "users");
        assertThat(LimitChain.permits(List.of(server), "PASS", "LOGIN", alice)).isFalse();
        assertThat(LimitChain.permits(List.of(anonymous, server), "PASS", "LOGIN", GUEST)).isTrue();
        assertThat(LimitChain.permits(List.of(anonymous, server), "LOGIN", "LOGIN", GUEST)).isTrue();
        // an <Anonymous> without its own LOGIN block inherits the server's deny
        assertThat(LimitChain.permits(List.of(LimitContext.EMPTY, server), "PASS", "LOGIN", GUEST)).isFalse();
        // LOGIN blocks never decide ordinary commands, and ALL never decides logins
        assertThat(LimitChain.permits(List.of(server), "RETR", "READ", alice)).isTrue();
        assertThat(LimitChain.permits(List.of(context(limit("ALL", "DenyAll"))), "PASS", "LOGIN", alice)).isTrue();
    }

    @Test
    void perUserAnonymousSitesFromFaqSection13() {
        LimitContext vhost = context(limit("LOGIN", "DenyGroup !anonftp"));
        LimitContext anonFtp = context(limit("WRITE", "DenyAll"));
        LimitContext incoming = context(limit("STOR", "AllowAll"), limit("READ WRITE", "DenyAll"));
        Requester member = user("10.0.0.1", "alice", "anonftp");
        Requester outsider = user("10.0.0.1", "bob", "users");

        assertThat(LimitChain.permits(List.of(vhost), "PASS", "LOGIN", member)).isTrue();
        assertThat(LimitChain.permits(List.of(vhost), "PASS", "LOGIN", outsider)).isFalse();
        assertThat(LimitChain.mayEverLogIn(vhost, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.empty())).isTrue();

        List<LimitContext> inIncoming = List.of(incoming, anonFtp, vhost);
        assertThat(LimitChain.permits(inIncoming, "STOR", "WRITE", member)).isTrue();
        assertThat(LimitChain.permits(inIncoming, "RETR", "READ", member)).isFalse();
        assertThat(LimitChain.permits(inIncoming, "DELE", "WRITE", member)).isFalse();
        assertThat(LimitChain.permits(List.of(anonFtp, vhost), "STOR", "WRITE", member)).isFalse();
        assertThat(LimitChain.permits(List.of(anonFtp, vhost), "RETR", "READ", member)).isTrue();
    }

    @Test
    void mayEverLogInWhenAnonymousMightAdmit() {
        LimitContext server = context(limit("LOGIN", "DenyAll"));
        LimitContext anonymous = context(limit("LOGIN", "AllowAll"));
        assertThat(LimitChain.mayEverLogIn(server, List.of(anonymous), ip("10.1.1.5"), Optional.empty(), Optional.empty()))
                .isTrue();
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("10.1.1.5"), Optional.empty(), Optional.empty())).isFalse();
        assertThat(LimitChain.mayEverLogIn(server, List.of(LimitContext.EMPTY), ip("10.1.1.5"), Optional.empty(), Optional.empty()))
                .isFalse();
        LimitContext anonymousDenyingToo = context(limit("LOGIN", "Deny from 10.1.1."));
        assertThat(LimitChain.mayEverLogIn(server, List.of(anonymousDenyingToo), ip("10.1.1.5"), Optional.empty(), Optional.empty()))
                .isFalse();
        assertThat(LimitChain.mayEverLogIn(server, List.of(anonymousDenyingToo, anonymous), ip("10.1.1.5"), Optional.empty(),
                Optional.empty())).isTrue();
    }

    @Test
    void mayEverLogInRefusesTheDeniedSubnetOfFaqSection11() throws Exception {
        LimitContext server = context(limit("LOGIN", Order.DENY_ALLOW, "Deny from 10.1.1.", "Allow from all"));
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("10.1.1.5"), Optional.empty(), Optional.empty())).isFalse();
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("10.1.2.5"), Optional.empty(), Optional.empty())).isTrue();
        assertThat(LimitChain.mayEverLogIn(server, List.of(), AddressPatternTest.mapped("10.1.1.5"), Optional.empty(),
                Optional.empty())).isFalse();
    }

    @Test
    void mayEverLogInLeavesUserDependentRulesForLater() {
        LimitContext denyUser = context(limit("LOGIN", "DenyUser root,toor"));
        assertThat(LimitChain.mayEverLogIn(denyUser, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.empty())).isTrue();
        LimitContext allowUser = context(limit("LOGIN", "AllowUser dave", "DenyAll"));
        assertThat(LimitChain.mayEverLogIn(allowUser, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.empty())).isTrue();
        // but a deny,allow block with nothing on its allow side refuses everyone, users included
        LimitContext denyFirst = context(limit("LOGIN", Order.DENY_ALLOW, "DenyUser root"));
        assertThat(LimitChain.mayEverLogIn(denyFirst, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.empty())).isFalse();
        assertThat(LimitChain.mayEverLogIn(LimitContext.EMPTY, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.empty()))
                .isTrue();
    }

    @Test
    void mayEverLogInUsesTheClassAndTheHostName() {
        LimitContext server = context(limit("LOGIN", "AllowClass internal", "Allow from .example.com", "DenyAll"));
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("10.0.0.1"), Optional.empty(), Optional.of("internal"))).isTrue();
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("192.0.2.1"), Optional.of("ftp.example.com"), Optional.empty()))
                .isTrue();
        assertThat(LimitChain.mayEverLogIn(server, List.of(), ip("192.0.2.1"), Optional.of("ftp.example.org"), Optional.empty()))
                .isFalse();
    }

    @Test
    void severalLoginBlocksInOneContextMustAllAgreeAtLogin() {
        LimitContext ctx = context(
                limit("LOGIN", "Allow from 192.168.0.0/16", "DenyAll"),
                limit("LOGIN", Order.DENY_ALLOW, "Deny from 192.168.0.0/16"));
        Requester lan = user("192.168.1.1", "alice");
        assertThat(ctx.decideFor("LOGIN", lan)).isEqualTo(Decision.DENY);
        assertThat(LimitChain.permits(List.of(ctx), "PASS", "LOGIN", lan)).isFalse();
        // at connect time one allowing block is enough to let the client try
        assertThat(LimitChain.mayEverLogIn(ctx, List.of(), ip("192.168.1.1"), Optional.empty(), Optional.empty())).isTrue();
        assertThat(anonymousClient("192.168.1.1").isLoggedIn()).isFalse();
    }
}
