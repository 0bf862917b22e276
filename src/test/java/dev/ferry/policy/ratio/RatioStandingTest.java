package dev.ferry.policy.ratio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.policy.limit.NameExpression;
import dev.ferry.policy.limit.Requester;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ratio arithmetic, the forms of Pure-FTPd and ProFTPD, and which rule a login gets. */
class RatioStandingTest {

    @Test
    void pureFtpdFormIsABytesShareWithBothSidesAtLeastOne() {
        Ratio r = Ratio.ofPureFtpd("1:5");
        assertThat(r.bytes()).isEqualTo(new Ratio.Share(1, 5));
        assertThat(r.files().isSet()).isFalse();
        assertThat(r.describe()).isEqualTo("1:5 in bytes");
        for (String bad : List.of("5", "0:1", "1:0", "a:b", "1:2:3", "-1:2", "")) {
            assertThatThrownBy(() -> Ratio.ofPureFtpd(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("UPLOAD:DOWNLOAD");
        }
    }

    @Test
    void proftpdFormTurnsSignsIntoSharesAndKilobytesIntoBytes() {
        Ratio r = Ratio.ofProftpd(10, 3, -4, 100);
        assertThat(r.files()).isEqualTo(new Ratio.Share(1, 10));
        assertThat(r.bytes()).isEqualTo(new Ratio.Share(4, 1));
        assertThat(r.fileCredit()).isEqualTo(3);
        assertThat(r.byteCredit()).isEqualTo(102_400);
        assertThat(r.describe()).isEqualTo("1:10 in files and 4:1 in bytes");
        assertThat(Ratio.ofProftpd(0, 0, 0, 0)).isEqualTo(Ratio.NONE);
        assertThat(Ratio.NONE.isEnforced()).isFalse();
    }

    @Test
    void bytesLeftAreWhatUploadsEarnPlusCreditMinusDownloads() {
        RatioStanding s = new RatioStanding(new Ratio(Ratio.Share.NONE, 0, new Ratio.Share(2, 3), 10),
                RatioTexts.STANDARD);
        assertThat(s.refusal("f", 10)).isEmpty();
        assertThat(s.refusal("f", 11)).isPresent();
        s.uploaded(7, true);          // earns 7 * 3 / 2 = 10 (rounded down)
        assertThat(s.refusal("f", 20)).isEmpty();
        assertThat(s.refusal("f", 21)).isPresent();
        s.uploaded(1_000, false);     // cut short: earns nothing
        assertThat(s.refusal("f", 21)).isPresent();
        s.downloaded(5, false);       // sent bytes count even when the download was cut
        assertThat(s.refusal("f", 16)).isPresent();
        assertThat(s.refusal("f", 15)).isEmpty();
        assertThat(s.summary()).containsExactly(
                "Ratio 2:3 in bytes: uploaded 1 file (7 bytes), downloaded 0 files (5 bytes)",
                "Left to download: 15 bytes");
    }

    @Test
    void filesLeftCountCompleteDownloadsOnly() {
        RatioStanding s = new RatioStanding(Ratio.ofProftpd(3, 1, 0, 0), new RatioTexts(Optional.of("Give first"),
                Optional.empty(), Optional.empty()));
        assertThat(s.refusal("a", Long.MAX_VALUE)).isEmpty(); // no byte ratio: size does not matter
        s.downloaded(100, true);
        assertThat(s.refusal("b", 1)).contains("Give first: b is refused by the ratio 1:3 in files "
                + "(uploaded 0, downloaded 1)");
        s.downloaded(100, false);
        s.uploaded(1, true);
        for (int i = 0; i < 3; i++) {
            assertThat(s.refusal("c", 1)).isEmpty();
            s.downloaded(1, true);
        }
        assertThat(s.refusal("c", 1)).isPresent();
        assertThat(s.summary().get(1)).isEqualTo("Left to download: 0 files");
    }

    @Test
    void hugeCountsNeitherOverflowNorWrap() {
        RatioStanding s = new RatioStanding(new Ratio(Ratio.Share.NONE, 0, new Ratio.Share(1, 1_000_000_000),
                Long.MAX_VALUE), RatioTexts.STANDARD);
        s.uploaded(Long.MAX_VALUE / 2, true);
        assertThat(s.refusal("f", Long.MAX_VALUE)).isEmpty();
        s.downloaded(Long.MAX_VALUE, true);
        assertThat(s.refusal("f", 1)).isPresent();
    }

    private static Requester who(String user, String... groups) throws Exception {
        return Requester.loggedIn(InetAddress.getByName("192.0.2.7"), Optional.of("client.example.net"), user,
                Set.of(groups), Optional.empty());
    }

    @Test
    void firstMatchingRuleDecidesAnonymousAreaFirstAndOwnRatioBeforeAll() throws Exception {
        Ratio hosts = Ratio.ofPureFtpd("1:1");
        Ratio users = Ratio.ofPureFtpd("1:2");
        Ratio staff = Ratio.ofPureFtpd("1:3");
        Ratio area = Ratio.ofPureFtpd("1:4");
        RatioRules rules = new RatioRules(true, List.of(
                new RatioRule(new RatioTarget.Host(".example.org"), false, hosts),
                new RatioRule(new RatioTarget.Host("198.51.100."), false, hosts),
                new RatioRule(new RatioTarget.User("alice"), false, Ratio.NONE),
                new RatioRule(new RatioTarget.AnonymousPassword("*@example.org"), true, area),
                new RatioRule(new RatioTarget.Group(NameExpression.parse("staff")), false, staff),
                new RatioRule(new RatioTarget.User("*"), false, users)), RatioTexts.STANDARD);
        assertThat(rules.forLogin(Ratio.NONE, who("alice", "staff"), false, "")).isEqualTo(Ratio.NONE);
        assertThat(rules.forLogin(Ratio.NONE, who("bob", "staff"), false, "")).isEqualTo(staff);
        assertThat(rules.forLogin(Ratio.NONE, who("carol"), false, "")).isEqualTo(users);
        assertThat(rules.forLogin(Ratio.NONE, who("ftp"), true, "me@EXAMPLE.org")).isEqualTo(area);
        assertThat(rules.forLogin(Ratio.NONE, who("ftp"), true, "me@example.com")).isEqualTo(users);
        assertThat(rules.forLogin(Ratio.NONE, who("ftp"), false, "me@example.org")).isEqualTo(users);
        Requester fromNet = Requester.loggedIn(InetAddress.getByName("198.51.100.9"), Optional.empty(), "alice",
                Set.of(), Optional.empty());
        assertThat(rules.forLogin(Ratio.NONE, fromNet, false, "")).isEqualTo(hosts);
        Requester fromName = Requester.loggedIn(InetAddress.getByName("203.0.113.1"), Optional.of("ftp.example.org"),
                "alice", Set.of(), Optional.empty());
        assertThat(rules.forLogin(Ratio.NONE, fromName, false, "")).isEqualTo(hosts);

        Ratio own = Ratio.ofPureFtpd("5:1");
        assertThat(rules.forLogin(own, who("alice"), false, "")).isEqualTo(own);
        RatioRules off = new RatioRules(false, rules.rules(), RatioTexts.STANDARD);
        assertThat(off.forLogin(Ratio.NONE, who("carol"), false, "")).isEqualTo(Ratio.NONE);
        assertThat(off.forLogin(own, who("carol"), false, "")).isEqualTo(own);
    }
}
