package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.command.ArgRule;
import dev.ferry.command.CommandSpec;
import dev.ferry.command.CommandTable;
import dev.ferry.command.FeatureLine;
import dev.ferry.data.PassivePortPool;
import dev.ferry.session.Session;
import dev.ferry.session.SessionServices;
import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table-driven checks over {@link CommandTable#standard()}: whatever verb is added to the table
 * is covered here without touching this class. The gates (500, 530, 501) are the
 * {@link dev.ferry.command.Dispatcher}'s; HELP and FEAT must agree with the table exactly.
 */
class CommandTableTest extends LiveServerTest {
    private static final CommandTable TABLE = CommandTable.standard();

    static Stream<Named<CommandSpec>> loginOnly() {
        return named(TABLE.all().stream().filter(CommandSpec::requiresLogin));
    }

    static Stream<Named<CommandSpec>> argumentRequired() {
        return named(TABLE.all().stream().filter(s -> s.argument() == ArgRule.REQUIRED));
    }

    static Stream<Named<CommandSpec>> noArgument() {
        return named(TABLE.all().stream().filter(s -> s.argument() == ArgRule.NONE));
    }

    static Stream<Named<CommandSpec>> every() {
        return named(TABLE.all().stream());
    }

    private static Stream<Named<CommandSpec>> named(Stream<CommandSpec> specs) {
        return specs.map(s -> Named.of(s.verb(), s));
    }

    /** An argument that would be acceptable in form, so only the login gate can refuse it. */
    private static String harmlessArgument(CommandSpec spec) {
        return switch (spec.verb()) {
            case "PORT" -> "127,0,0,1,200,0";
            case "EPRT" -> "|1|127.0.0.1|51200|";
            case "MFMT" -> "20200101000000 x";
            case "TYPE" -> "I";
            case "MODE" -> "S";
            case "STRU" -> "F";
            case "REST" -> "0";
            case "ALLO" -> "10";
            case "SITE" -> "HELP";
            default -> "x";
        };
    }

    @Test
    void tableIsNotTrivial() {
        // Guards the parameterized tests below against silently running over nothing.
        assertThat(loginOnly().count()).isGreaterThan(30);
        assertThat(argumentRequired().count()).isGreaterThan(20);
        assertThat(noArgument().count()).isGreaterThan(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loginOnly")
    void loginOnlyVerbAnswers530BeforeLogin(CommandSpec spec) {
        RawFtpClient c = raw();
        String line = spec.argument() == ArgRule.REQUIRED ? spec.verb() + " " + harmlessArgument(spec) : spec.verb();
        assertThat(c.command(line).code()).as(line).isEqualTo(530);
        // The refusal changed nothing: the connection still works and is still not logged in.
        assertThat(c.command("NOOP").code()).isEqualTo(200);
        assertThat(c.command("PWD").code()).isEqualTo(530);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loginOnly")
    void loginOnlyVerbIsRefusedAfterUserWithoutPass(CommandSpec spec) {
        RawFtpClient c = raw();
        assertThat(c.command("USER alice").code()).isEqualTo(331);
        String line = spec.argument() == ArgRule.REQUIRED ? spec.verb() + " " + harmlessArgument(spec) : spec.verb();
        assertThat(c.command(line).code()).as(line).isEqualTo(530);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argumentRequired")
    void requiredArgumentMissingAnswers501(CommandSpec spec) {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command(spec.verb());
        assertThat(reply.code()).as("%s -> %s", spec.verb(), reply).isEqualTo(501);
        // Blank is the same as missing.
        assertThat(c.command(spec.verb() + "   ").code()).isEqualTo(501);
        assertThat(c.command("PWD").code()).as("still logged in").isEqualTo(257);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noArgument")
    void unexpectedArgumentAnswers501(CommandSpec spec) {
        RawFtpClient c = loggedIn();
        RawReply reply = c.command(spec.verb() + " unexpected");
        assertThat(reply.code()).as("%s x -> %s", spec.verb(), reply).isEqualTo(501);
        // Not carried out: QUIT did not close, REIN did not log out, CDUP did not move.
        assertThat(c.command("PWD").all()).startsWith("257 \"/\"");
    }

    @Test
    void helpListsExactlyTheVerbsOfTheTable() {
        RawReply help = raw().command("HELP");
        assertThat(help.code()).isEqualTo(214);
        assertThat(help.lines().getFirst()).startsWith("214-");
        assertThat(help.lines().getLast()).startsWith("214 ");
        List<String> listed = new ArrayList<>();
        for (String line : help.lines().subList(1, help.lines().size() - 1)) {
            Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(listed::add);
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(TABLE.all().stream().map(CommandSpec::verb).toList());
    }

    @ParameterizedTest(name = "HELP {0}")
    @MethodSource("every")
    void helpForEachVerbGivesItsSyntax(CommandSpec spec) {
        RawFtpClient c = raw();
        RawReply reply = c.command("HELP " + spec.verb());
        assertThat(reply.code()).isEqualTo(214);
        assertThat(reply.all()).contains(spec.syntax());
        // Verbs are case-insensitive (RFC 959 §5.3), also as HELP's argument.
        assertThat(c.command("HELP " + spec.verb().toLowerCase()).all()).contains(spec.syntax());
    }

    @Test
    void helpForUnknownVerbIs501() {
        RawFtpClient c = raw();
        assertThat(c.command("HELP NOSUCH").code()).isEqualTo(501);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    @ParameterizedTest(name = "logged in: {0}")
    @ValueSource(booleans = {false, true})
    void featMatchesTheTable(boolean loggedIn) throws IOException {
        RawFtpClient c = loggedIn ? loggedIn() : raw();
        RawReply feat = c.command("FEAT");
        assertThat(feat.code()).isEqualTo(211);
        List<String> lines = feat.lines();
        assertThat(lines.getFirst()).isEqualTo("211-Features:");
        assertThat(lines.getLast()).isEqualTo("211 End");
        List<String> middle = lines.subList(1, lines.size() - 1);
        // RFC 2389 §3.2: each feature line begins with exactly one space.
        assertThat(middle).allSatisfy(l -> {
            assertThat(l).startsWith(" ");
            assertThat(l.charAt(1)).isNotEqualTo(' ');
        });
        assertThat(middle).doesNotHaveDuplicates();
        assertThat(middle).containsExactlyInAnyOrderElementsOf(expectedFeatures());
    }

    @Test
    void featIncludesWellKnownFeatures() {
        assertThat(raw().command("FEAT").lines())
                .contains(" UTF8", " EPSV", " EPRT", " SIZE", " MDTM", " REST STREAM", " TVFS", " MFMT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XYZZY", "FOO bar", "CWDX /", "NOOPS", "STORE x"})
    void unknownVerbIs500AndSessionStaysUsable(String line) {
        RawFtpClient c = raw();
        assertThat(c.command(line).code()).isEqualTo(500);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
        c.login();
        assertThat(c.command(line).code()).isEqualTo(500);
        assertThat(c.command("PWD").code()).isEqualTo(257);
    }

    @Test
    void unknownVerbIsNotEchoedRaw() {
        RawReply reply = raw().command("<script>\u00e9 arg");
        assertThat(reply.code()).isEqualTo(500);
        assertThat(reply.all()).doesNotContain("<").doesNotContain(">");
    }

    @Test
    void emptyLineIs500() {
        RawFtpClient c = raw();
        assertThat(c.command("").code()).isEqualTo(500);
        assertThat(c.command("NOOP").code()).isEqualTo(200);
    }

    /** FEAT lines as the table's specs describe them for a fresh session (default options). */
    private List<String> expectedFeatures() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel accepted = listener.accept()) {
            // Never run: only a holder of default session state for FeatureLine.describe.
            assertThat(client.isConnected()).isTrue();
            Session fresh = new Session(new SessionServices(server.server().config(), TABLE, null,
                    SessionServices.poolsFor(server.server().config()), Runnable::run), accepted, dev.ferry.session.SessionSlot.UNCOUNTED, () -> { });
            List<String> out = new ArrayList<>();
            for (CommandSpec spec : TABLE.all()) {
                for (FeatureLine f : spec.features()) {
                    if (!f.describe(fresh).isEmpty()) { // a feature the server has off
                        out.add(" " + f.describe(fresh));
                    }
                }
            }
            return out;
        }
    }
}
