package dev.ferry.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.config.SessionLimits;
import dev.ferry.security.Jail.Exchange;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SEC-PATH-01..07, 11, 12 (catalogue §C): every path-taking verb against every traversal payload,
 * one logged-in session per verb. For each payload the test knows where the path must land once
 * {@code ..} is clamped at the root, and checks the exact reply, that the effect (if any) happened
 * inside alice's home, and that nothing outside it changed or leaked.
 */
class PathTraversalTest {

    /** Where a payload lands, seen from alice's root. */
    enum Lands {
        /** "/" itself. */
        ROOT,
        /** "/secret.txt", the harmless inside file with the same name as the outside secrets. */
        SECRET,
        /** A path whose parent does not exist inside the root. */
        NOWHERE,
        /** A new name directly in "/" (taken literally). */
        LITERAL,
        /** Not a path the server accepts at all: 553 (or 501). */
        INVALID
    }

    record Payload(String label, String text, Lands lands) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Expected final reply per verb for ROOT, SECRET, NOWHERE, LITERAL (226 = 150 then 226). */
    private static final Map<String, int[]> EXPECTED = Map.ofEntries(
            Map.entry("CWD", new int[] {250, 550, 550, 550}),
            Map.entry("XCWD", new int[] {250, 550, 550, 550}),
            Map.entry("LIST", new int[] {226, 226, 550, 550}),
            Map.entry("NLST", new int[] {226, 226, 550, 550}),
            Map.entry("MLSD", new int[] {226, 501, 550, 550}),
            Map.entry("MLST", new int[] {250, 250, 550, 550}),
            Map.entry("STAT", new int[] {213, 213, 550, 550}),
            Map.entry("SIZE", new int[] {550, 213, 550, 550}),
            Map.entry("MDTM", new int[] {550, 213, 550, 550}),
            Map.entry("MFMT", new int[] {213, 213, 550, 550}),
            Map.entry("RETR", new int[] {550, 226, 550, 550}),
            Map.entry("STOR", new int[] {550, 226, 550, 226}),
            Map.entry("APPE", new int[] {550, 226, 550, 226}),
            Map.entry("STOU", new int[] {226, 226, 550, 226}),
            Map.entry("DELE", new int[] {550, 250, 550, 550}),
            Map.entry("MKD", new int[] {550, 550, 550, 257}),
            Map.entry("XMKD", new int[] {550, 550, 550, 257}),
            Map.entry("RMD", new int[] {550, 550, 550, 550}),
            Map.entry("XRMD", new int[] {550, 550, 550, 550}),
            Map.entry("RNFR", new int[] {550, 350, 550, 550}),
            Map.entry("RNTO", new int[] {550, 250, 550, 250}),
            Map.entry("SITE CHMOD", new int[] {200, 200, 550, 550}),
            Map.entry("AVBL", new int[] {213, 550, 550, 550}));

    private static final Set<String> MUTATING = Set.of("MFMT", "STOR", "APPE", "STOU", "DELE", "MKD", "XMKD", "RMD",
            "XRMD", "RNTO", "SITE CHMOD");
    private static final Set<String> UPLOADS = Set.of("STOR", "APPE", "STOU");

    @TempDir
    static Path temp;
    static Jail jail;

    @BeforeAll
    static void start() {
        // A line cap above VirtualPath.MAX_LENGTH, so that the 5000-character path reaches the
        // path check instead of being cut off as an overlong line (ControlChannelAbuseTest covers that).
        jail = Jail.start(temp, b -> b.limits(new SessionLimits(50, 50, 3, Duration.ofMillis(10), 16384)));
    }

    @AfterAll
    static void stop() {
        jail.close();
    }

    static List<Payload> payloads() {
        Path dataDir = jail.server().dataDir();
        String realData;
        String realTemp;
        try {
            realData = dataDir.toRealPath().toString();
            realTemp = temp.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder fiveThousand = new StringBuilder();
        while (fiveThousand.length() < 5000) {
            fiveThousand.append("x".repeat(99)).append('/');
        }
        return List.of(
                new Payload("../secret.txt", "../secret.txt", Lands.SECRET),
                new Payload("../../..", "../../..", Lands.ROOT),
                new Payload("/../../etc/passwd", "/../../etc/passwd", Lands.NOWHERE),
                new Payload("..//..//", "..//..//", Lands.ROOT),
                new Payload("....//", "....//", Lands.LITERAL),
                new Payload("backslashes", "..\\..\\secret.txt", Lands.LITERAL),
                new Payload("percent-encoded", "%2e%2e/%2e%2e/", Lands.NOWHERE),
                new Payload("/./../", "/./../", Lands.ROOT),
                new Payload("../ x1000", "../".repeat(1000), Lands.ROOT),
                new Payload("../ x1000 + secret.txt", "../".repeat(1000) + "secret.txt", Lands.SECRET),
                new Payload("sibling-prefix home", "../alice2/secret.txt", Lands.NOWHERE),
                new Payload("../../secret.txt (data dir)", "../../secret.txt", Lands.SECRET),
                new Payload("host data dir", realData, Lands.NOWHERE),
                new Payload("host data dir secret", realData + "/secret.txt", Lands.NOWHERE),
                new Payload("host temp secret", realTemp + "/secret.txt", Lands.NOWHERE),
                new Payload("host sibling via ..", jail.home() + "/../alice2/secret.txt", Lands.NOWHERE),
                new Payload("fullwidth dots and slashes", "\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fsecret.txt", Lands.LITERAL),
                new Payload("tilde", "~", Lands.LITERAL),
                new Payload("tilde user", "~alice2/secret.txt", Lands.NOWHERE),
                new Payload("5000 chars", fiveThousand.toString(), Lands.INVALID),
                new Payload("NUL", "a\u0000b", Lands.INVALID),
                new Payload("NUL then traversal", "keep.txt\u0000../../secret.txt", Lands.INVALID),
                new Payload("CR inside", "a\rDELE keep.txt", Lands.INVALID));
    }

    static Stream<Arguments> verbs() {
        return EXPECTED.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verbs")
    void everyPayloadStaysInsideTheRoot(String verb) {
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> outsideAtStart = jail.outsideSnapshot();
        try (RawFtpClient client = jail.alice()) {
            for (Payload payload : payloads()) {
                check(softly, client, verb, payload);
            }
        }
        softly.assertThat(jail.outsideSnapshot()).as("host files outside the root").isEqualTo(outsideAtStart);
        softly.assertAll();
    }

    private static void check(SoftAssertions softly, RawFtpClient client, String verb, Payload payload) {
        jail.resetHome();
        String context = verb + " " + payload.label();
        assertThat(client.command("CWD /").code()).as(context).isEqualTo(250);
        Map<String, String> outsideBefore = jail.outsideSnapshot();
        Map<String, String> homeBefore = jail.homeSnapshot();
        List<RawReply> replies = new ArrayList<>();
        if (verb.equals("RNTO")) {
            RawReply rnfr = client.command("RNFR victim.txt");
            replies.add(rnfr);
            assertThat(rnfr.code()).as(context).isEqualTo(350);
        }
        byte[] marker = ("uploaded by " + context + "\n").getBytes(StandardCharsets.UTF_8);
        Exchange x = Jail.run(client, line(verb, payload.text()), marker);
        replies.addAll(x.replies());

        // The reply: exactly what the landing place calls for.
        if (payload.lands() == Lands.INVALID) {
            softly.assertThat(x.code()).as(context).isIn(501, 553);
        } else {
            softly.assertThat(x.code()).as(context + " -> " + x.replies())
                    .isEqualTo(EXPECTED.get(verb)[payload.lands().ordinal()]);
        }

        // The session is intact and nothing was split into a second command (CR payload).
        RawReply noop = client.command("NOOP");
        softly.assertThat(noop.all()).as(context + ": next reply must be NOOP's").isEqualTo("200 NOOP ok");
        softly.assertThat(jail.home().resolve("keep.txt")).as(context).exists();

        // Nothing outside changed; nothing inside changed unless a mutating verb succeeded.
        softly.assertThat(jail.outsideSnapshot()).as(context + ": outside the root").isEqualTo(outsideBefore);
        Map<String, String> homeAfter = jail.homeSnapshot();
        boolean succeeded = x.code() < 400;
        if (MUTATING.contains(verb) && succeeded) {
            softly.assertThat(homeAfter).as(context + ": the effect must be inside the root").isNotEqualTo(homeBefore);
            checkActedInside(softly, verb, context, marker, homeBefore, homeAfter);
        } else {
            softly.assertThat(homeAfter).as(context + ": nothing may change").isEqualTo(homeBefore);
        }

        // Nothing leaked, in replies or on the data connection.
        for (RawReply reply : replies) {
            for (String bad : jail.forbiddenInReplies()) {
                softly.assertThat(reply.all()).as(context + ": reply leaks").doesNotContain(bad);
            }
        }
        softly.assertThat(x.dataText()).as(context + ": data").doesNotContain(Jail.CANARY);
        if (!verb.equals("RETR")) {
            for (String name : Jail.OUTSIDE_ONLY_NAMES) {
                softly.assertThat(x.dataText()).as(context + ": listing").doesNotContain(name);
                softly.assertThat(replies.toString()).as(context + ": reply").doesNotContain(name);
            }
        }
        if (verb.equals("RETR") && x.code() == 226) {
            softly.assertThat(x.data()).as(context + ": the inside file").isEqualTo(Jail.INSIDE_SECRET);
        }
        if (verb.equals("SIZE") && x.code() == 213) {
            softly.assertThat(x.last().text()).as(context).isEqualTo(Integer.toString(Jail.INSIDE_SECRET.length));
        }
    }

    private static void checkActedInside(SoftAssertions softly, String verb, String context, byte[] marker,
                                         Map<String, String> before, Map<String, String> after) {
        Path home = jail.home();
        if (UPLOADS.contains(verb)) {
            softly.assertThat(filesEndingWith(home, marker)).as(context + ": uploaded file inside the root").hasSize(1);
        } else if (verb.equals("DELE")) {
            softly.assertThat(home.resolve("secret.txt")).as(context).doesNotExist();
        } else if (verb.endsWith("MKD")) {
            Set<String> added = new HashSet<>(after.keySet());
            added.removeAll(before.keySet());
            softly.assertThat(added).as(context + ": one new directory in the root").hasSize(1);
            added.forEach(name -> softly.assertThat(home.resolve(name)).isDirectory());
        } else if (verb.equals("RNTO")) {
            softly.assertThat(home.resolve("victim.txt")).as(context).doesNotExist();
            softly.assertThat(filesEndingWith(home, Jail.VICTIM)).as(context + ": renamed inside the root").hasSize(1);
        }
    }

    private static List<Path> filesEndingWith(Path root, byte[] suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                try {
                    byte[] content = Files.readAllBytes(p);
                    return content.length >= suffix.length && Arrays.equals(content, content.length - suffix.length,
                            content.length, suffix, 0, suffix.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(String verb, String path) {
        return switch (verb) {
            case "MFMT" -> "MFMT 20010203040506 " + path;
            case "SITE CHMOD" -> "SITE CHMOD 700 " + path;
            default -> verb + " " + path;
        };
    }

    /** Literal names are created under exactly that name, in the root, never interpreted. */
    @Test
    void backslashesAndDotsAreLiteralNames() {
        jail.resetHome();
        try (RawFtpClient client = jail.alice()) {
            assertThat(Jail.run(client, "STOR ..\\..\\secret.txt").code()).isEqualTo(226);
            assertThat(client.command("MKD ....").code()).isEqualTo(257);
            assertThat(client.command("MKD ...hidden").code()).isEqualTo(257);
            assertThat(Jail.run(client, "STOR a..b").code()).isEqualTo(226);
            assertThat(client.command("CWD ....").code()).isEqualTo(250);
            assertThat(client.command("PWD").text()).startsWith("\"/....\"");
            assertThat(Jail.run(client, "STOR ..%2f..%2fsecret.txt").code()).isEqualTo(226);
        }
        Path home = jail.home();
        assertThat(home.resolve("..\\..\\secret.txt")).isRegularFile().hasContent("x");
        assertThat(home.resolve("....")).isDirectory();
        assertThat(home.resolve("...hidden")).isDirectory();
        assertThat(home.resolve("a..b")).isRegularFile();
        assertThat(home.resolve("..../..%2f..%2fsecret.txt")).isRegularFile();
        assertThat(home.resolve("secret.txt")).hasBinaryContent(Jail.INSIDE_SECRET);
        jail.resetHome();
    }

    /** SEC-PATH-06: overlong UTF-8 for "." is not a dot; FTP has no percent-decoding either. */
    @Test
    void overlongUtf8DotsAreNotDots() {
        jail.resetHome();
        Map<String, String> outside = jail.outsideSnapshot();
        try (RawFtpClient client = jail.alice()) {
            byte[] dots = {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE};
            for (String verb : List.of("CWD ", "SIZE ", "DELE ", "RNFR ")) {
                for (String tail : List.of("", "/secret.txt", "/" + new String(dots, StandardCharsets.ISO_8859_1)
                        + "/secret.txt")) {
                    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
                    line.writeBytes(verb.getBytes(StandardCharsets.US_ASCII));
                    line.writeBytes(dots);
                    line.writeBytes(tail.getBytes(StandardCharsets.ISO_8859_1));
                    line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.sendBytes(line.toByteArray());
                    RawReply reply = client.read();
                    assertThat(reply.code()).as(verb + tail).isIn(550, 553);
                    jail.assertNoLeak(verb, List.of(reply));
                }
            }
            assertThat(client.command("NOOP").code()).isEqualTo(200);
        }
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
        assertThat(jail.home().resolve("secret.txt")).hasBinaryContent(Jail.INSIDE_SECRET);
    }

    /** SEC-PROTO-05 and 07: quotes, trailing backslashes and format strings are plain characters. */
    @Test
    void quotesBackslashesAndFormatStringsAreLiteral() {
        jail.resetHome();
        Map<String, String> outside = jail.outsideSnapshot();
        try (RawFtpClient client = jail.alice()) {
            assertThat(client.command("CWD \"abc").code()).isEqualTo(550);
            assertThat(Jail.run(client, "LIST \"").code()).isEqualTo(550);
            assertThat(client.command("RNFR \"a\\\"b").code()).isEqualTo(550);
            RawReply mkd = client.command("MKD \"\"\"");
            assertThat(mkd.code()).isEqualTo(257);
            assertThat(mkd.text()).startsWith("\"/\"\"\"\"\"\"\""); // RFC 959 doubles quotes inside the name
            assertThat(Jail.run(client, "STOR a\\").code()).isEqualTo(226);
            assertThat(client.command("MKD %1$s").code()).isEqualTo(257);
            assertThat(client.command("MKD %n%n%n%s").code()).isEqualTo(257);
            assertThat(Jail.run(client, "STOR {0}{1}").code()).isEqualTo(226);
            assertThat(Jail.run(client, "STOR ${jndi:ldap:%2f%2f127.0.0.1%2fa}").code()).isEqualTo(226);
            assertThat(client.command("SITE %n%n%n").code()).isEqualTo(502);
            assertThat(client.command("NOOP").code()).isEqualTo(200);
        }
        Path home = jail.home();
        assertThat(home.resolve("\"\"\"")).isDirectory();
        assertThat(home.resolve("a\\")).isRegularFile();
        assertThat(home.resolve("%1$s")).isDirectory();
        assertThat(home.resolve("%n%n%n%s")).isDirectory();
        assertThat(home.resolve("{0}{1}")).isRegularFile();
        assertThat(home.resolve("${jndi:ldap:%2f%2f127.0.0.1%2fa}")).isRegularFile();
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
        jail.resetHome();
    }

    /** SEC-PATH-14: LIST arguments never reach a shell; unknown options are just names. */
    @Test
    void listOptionsCannotInjectCommands() {
        jail.resetHome();
        try (RawFtpClient client = jail.alice()) {
            for (String arg : List.of("-la;id", "$(id)", "`id`", "--version", "-R -- ../..", "-la | id", "-la && id")) {
                Exchange x = Jail.run(client, "LIST " + arg);
                assertThat(x.code()).as(arg).isIn(226, 550);
                assertThat(x.dataText()).as(arg).doesNotContain("uid=", "GNU", "coreutils");
                for (String name : Jail.OUTSIDE_ONLY_NAMES) {
                    assertThat(x.dataText()).as(arg).doesNotContain(name);
                }
            }
        }
    }

    /**
     * SEC-PATH-11: names the host cannot store are refused as names (553), not as a local error:
     * a component of 255 characters that needs more than 255 bytes in UTF-8, and a path that
     * passes the length check but exceeds the host's PATH_MAX once the home prefix is added.
     */
    @Test
    void namesTooLongForTheHostAre553() {
        jail.resetHome();
        String wide = "\uff41".repeat(200); // 200 characters, 600 bytes
        String deep = ("d".repeat(254) + "/").repeat(16) + "d".repeat(10); // 4090 characters
        try (RawFtpClient client = jail.alice()) {
            for (String command : List.of("MKD " + wide, "CWD " + wide, "SIZE " + wide, "DELE " + wide,
                    "MKD " + deep, "CWD " + deep, "MLST " + deep, "RNFR " + deep)) {
                RawReply reply = client.command(command);
                assertThat(reply.code()).as(command.substring(0, 5) + "...").isIn(550, 553);
                jail.assertNoLeak(command.substring(0, 5), List.of(reply));
            }
            for (String command : List.of("STOR " + wide, "STOR " + deep, "RETR " + deep)) {
                Exchange x = Jail.run(client, command);
                assertThat(x.code()).as(command.substring(0, 5) + "...").isIn(550, 553);
            }
            assertThat(client.command("MKD " + "\uff41".repeat(85)).code()).as("255 bytes").isEqualTo(257);
            // Existing directories up to just below the host's PATH_MAX: the next name crosses it.
            String existing = ("e".repeat(254) + "/").repeat(15);
            try {
                Files.createDirectories(jail.home().resolve(existing));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String over = existing + "f".repeat(250);
            for (String command : List.of("MKD " + over, "CWD " + over, "DELE " + over, "RNFR " + over)) {
                RawReply reply = client.command(command);
                assertThat(reply.code()).as("past PATH_MAX: " + command.substring(0, 4)).isIn(550, 553);
            }
            assertThat(Jail.run(client, "STOR " + over).code()).as("STOR past PATH_MAX").isIn(550, 553);
            assertThat(client.command("NOOP").code()).isEqualTo(200);
        }
        jail.resetHome();
    }

    /** SEC-PATH-01: ".." clamps at the root and PWD never shows anything but a virtual path. */
    @Test
    void dotDotClampsAtTheRoot() {
        try (RawFtpClient client = jail.alice()) {
            for (String target : List.of("..", "../..", "/../..", "////", "/./", "/././.", "sub/../../..")) {
                assertThat(client.command("CWD " + target).code()).as(target).isEqualTo(250);
                assertThat(client.command("PWD").all()).as(target).startsWith("257 \"/\"");
            }
            assertThat(client.command("CWD sub").code()).isEqualTo(250);
            assertThat(client.command("CDUP").code()).isEqualTo(250);
            assertThat(client.command("CDUP").code()).isIn(250, 550);
            assertThat(client.command("PWD").all()).startsWith("257 \"/\"");
        }
    }

    /** SEC-PATH-12: a rename can neither take a file out of the root nor bring one in. */
    @Test
    void renameCannotCrossTheRoot() {
        jail.resetHome();
        Map<String, String> outside = jail.outsideSnapshot();
        try (RawFtpClient client = jail.alice()) {
            assertThat(client.command("RNFR sub/file.txt").code()).isEqualTo(350);
            assertThat(client.command("RNTO ../../../outside/x").code()).isEqualTo(550);
            assertThat(client.command("RNFR " + jail.outside().resolve("canary.txt")).code()).isEqualTo(550);
            assertThat(client.command("RNTO stolen.txt").code()).isEqualTo(503);
            assertThat(client.command("RNFR sub").code()).isEqualTo(350);
            assertThat(client.command("RNTO sub/inner").code()).isEqualTo(550);
            assertThat(client.command("RNTO x").code()).isEqualTo(503);
            assertThat(client.command("RNFR keep.txt").code()).isEqualTo(350);
            assertThat(client.command("NOOP").code()).isEqualTo(200);
            assertThat(client.command("RNTO y").code()).isEqualTo(503);
        }
        assertThat(jail.outsideSnapshot()).isEqualTo(outside);
        assertThat(jail.home().resolve("sub/file.txt")).exists();
        assertThat(jail.home().resolve("keep.txt")).exists();
        assertThat(jail.home().resolve("stolen.txt")).doesNotExist();
    }

    /** SEC-PATH-13: wildcards are matched inside one directory of the root only. */
    @Test
    void globsCannotListOutside() {
        jail.resetHome();
        try (RawFtpClient client = jail.alice()) {
            for (String arg : List.of("../*", "/../*", "*/../../*", "-R /..", "-la ../..", "../../*")) {
                Exchange x = Jail.run(client, "LIST " + arg);
                assertThat(x.code()).as(arg).isIn(226, 550);
                for (String name : Jail.OUTSIDE_ONLY_NAMES) {
                    assertThat(x.dataText()).as(arg).doesNotContain(name);
                }
                Exchange n = Jail.run(client, "NLST " + arg);
                for (String name : Jail.OUTSIDE_ONLY_NAMES) {
                    assertThat(n.dataText()).as(arg).doesNotContain(name);
                }
                RawReply stat = client.command("STAT " + arg);
                for (String name : Jail.OUTSIDE_ONLY_NAMES) {
                    assertThat(stat.all()).as(arg).doesNotContain(name);
                }
            }
        }
    }
}
