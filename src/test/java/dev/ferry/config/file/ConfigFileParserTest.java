package dev.ferry.config.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line, word and section syntax of ProFTPD configuration files, and the parse-time conditionals. */
class ConfigFileParserTest {

    static final Path FILE = Path.of("/etc/ferry/ferry.conf");
    static final Map<String, String> ENVIRONMENT = Map.of("FTP_ROOT", "/srv/ftp", "SITE", "example", "SPACE", "a b");

    static List<ConfigNode> parse(String text) throws ConfigSyntaxException {
        return parse(text, ParseOptions.standard());
    }

    static List<ConfigNode> parse(String text, ParseOptions options) throws ConfigSyntaxException {
        return ConfigFileParser.parse(text, FILE, options, ENVIRONMENT::get);
    }

    /** The errors of a text that must not parse, as "file:line: message" strings. */
    static List<String> errorsOf(String text) {
        return errorsOf(text, ParseOptions.standard());
    }

    static List<String> errorsOf(String text, ParseOptions options) {
        ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class, () -> parse(text, options));
        assertThat(e).as("expected a syntax error").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    static SourceLocation at(int line) {
        return new SourceLocation(FILE, line);
    }

    static Directive directive(int line, String name, String... args) {
        return new Directive(name, List.of(args), at(line));
    }

    static Section section(int line, String name, List<String> args, ConfigNode... children) {
        return new Section(name, args, List.of(children), at(line));
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Nested
    class Lines {

        @Test
        void directivesBlankLinesAndCommentsKeepTheirLineNumbers() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "# Ferry configuration",
                    "",
                    "ServerName   \"My FTP server\"",
                    "   \t",
                    "\tPort 2121  ",
                    "   # an indented comment",
                    "AllowOverwrite on"));
            assertThat(nodes).containsExactly(
                    directive(3, "ServerName", "My FTP server"),
                    directive(5, "Port", "2121"),
                    directive(7, "AllowOverwrite", "on"));
        }

        @Test
        void directiveWithoutArgumentsAndLastLineWithoutNewline() throws Exception {
            assertThat(parse("DenyAll\nAllowAll")).containsExactly(directive(1, "DenyAll"), directive(2, "AllowAll"));
        }

        @Test
        void hashInsideAWordIsDataButAWordStartingWithHashEndsTheLine() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "DisplayLogin welcome#1.msg",
                    "PassivePorts 60000 65535 # These ports should be safe...",
                    "MasqueradeAddress ftp.mydomain.com #using a DNS name",
                    "AccessDenyMsg \"#1 denied\""));
            assertThat(nodes).containsExactly(
                    directive(1, "DisplayLogin", "welcome#1.msg"),
                    directive(2, "PassivePorts", "60000", "65535"),
                    directive(3, "MasqueradeAddress", "ftp.mydomain.com"),
                    directive(4, "AccessDenyMsg", "#1 denied"));
        }

        @Test
        void crlfLineEndsAndByteOrderMarkAreAccepted() throws Exception {
            assertThat(parse("\uFEFFUser ftp\r\nGroup ftp\r\n"))
                    .containsExactly(directive(1, "User", "ftp"), directive(2, "Group", "ftp"));
        }

        @Test
        void backslashAtLineEndContinuesTheLineAndTheNodeKeepsTheFirstLine() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "AllowUser alice,\\",
                    "bob,\\",
                    "carol",
                    "ServerName \"long \\",
                    "name\"",
                    "Port 21"));
            assertThat(nodes).containsExactly(
                    directive(1, "AllowUser", "alice,bob,carol"),
                    directive(4, "ServerName", "long name"),
                    directive(6, "Port", "21"));
        }

        @Test
        void aCommentEndingInABackslashDoesNotSwallowTheNextLine() throws Exception {
            assertThat(parse(lines("# see C:\\", "Port 21"))).containsExactly(directive(2, "Port", "21"));
        }

        @Test
        void continuationAtEndOfFileIsAnError() {
            assertThat(errorsOf("Port 21\nServerName foo \\"))
                    .containsExactly("/etc/ferry/ferry.conf:2: line ends with a continuation backslash but the file"
                            + " ends there");
        }

        @Test
        void nulByteIsAnErrorAtItsLine() {
            assertThat(errorsOf("Port 21\nUser f\0tp\n"))
                    .containsExactly("/etc/ferry/ferry.conf:2: line contains a NUL byte");
        }

        @Test
        void invalidUtf8AndNulInAFileAreErrorsAtTheirLines(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("bad.conf");
            byte[] good = "Port 21\n".getBytes(StandardCharsets.UTF_8);
            byte[] latin1 = "ServerName caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] utf8 = "ServerAdmin caf\u00e9@example.com\n".getBytes(StandardCharsets.UTF_8);
            byte[] nul = "User f\0tp\n".getBytes(StandardCharsets.UTF_8);
            Files.write(file, concat(good, latin1, utf8, nul));
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                    () -> ConfigFileParser.parse(file, ParseOptions.standard()));
            assertThat(e.errors()).containsExactly(
                    new ConfigError(new SourceLocation(file, 2), "line is not valid UTF-8"),
                    new ConfigError(new SourceLocation(file, 4), "line contains a NUL byte"));
        }

        @Test
        void utf8FileParses(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("ok.conf");
            Files.writeString(file, "ServerName \"Caf\u00e9 \u65e5\u672c\"\n", StandardCharsets.UTF_8);
            assertThat(ConfigFileParser.parse(file, ParseOptions.standard()))
                    .containsExactly(new Directive("ServerName", List.of("Caf\u00e9 \u65e5\u672c"),
                            new SourceLocation(file, 1)));
        }

        private static byte[] concat(byte[]... parts) {
            int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
            byte[] all = new byte[length];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }

    @Nested
    class Words {

        @Test
        void quotedStringsHoldSpacesAndEscapes() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "ServerName \"My \\\"quoted\\\" server\"",
                    "DisplayLogin \"C:\\\\msgs\\\\login.txt\"",
                    "Unquoted C:\\dir\\x",
                    "Tabbed\ta\t\"b\tc\"",
                    "Regex \"^\\.ftpaccess$\""));
            assertThat(nodes).containsExactly(
                    directive(1, "ServerName", "My \"quoted\" server"),
                    directive(2, "DisplayLogin", "C:\\msgs\\login.txt"),
                    directive(3, "Unquoted", "C:\\dir\\x"),
                    directive(4, "Tabbed", "a", "b\tc"),
                    directive(5, "Regex", "^.ftpaccess$"));
        }

        @Test
        void emptyQuotedStringsAreKept() throws Exception {
            assertThat(parse("AccessGrantMsg \"\" \"\"\n")).containsExactly(directive(1, "AccessGrantMsg", "", ""));
        }

        @Test
        void unterminatedQuoteIsAnErrorAtItsLine() {
            assertThat(errorsOf(lines("Port 21", "ServerName \"My server", "User ftp", "Group \"ftp\\\"")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:2: unterminated quoted string",
                            "/etc/ferry/ferry.conf:4: unterminated quoted string");
        }

        @Test
        void textGluedToAQuoteIsAnError() {
            assertThat(errorsOf(lines("ServerName \"My\"server", "AllowUser ali\"ce bob\"")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: unexpected text after closing quote: 'server'",
                            "/etc/ferry/ferry.conf:2: unexpected '\"' inside the unquoted argument 'ali\"...'"
                                    + " (quote the whole argument)");
        }

        @Test
        void directiveNamesMustBeWords() {
            assertThat(errorsOf(lines("...", "\"ServerName\" x", "Server-Name x", "> oops")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: '...' is not a directive name (letters, digits and '_' only)",
                            "/etc/ferry/ferry.conf:2: a directive name cannot be quoted",
                            "/etc/ferry/ferry.conf:3: 'Server-Name' is not a directive name (letters, digits and '_'"
                                    + " only)",
                            "/etc/ferry/ferry.conf:4: '>' is not a directive name (letters, digits and '_' only)");
        }

        @Test
        void environmentVariablesAreReplacedInArguments() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "DefaultRoot %{env:FTP_ROOT}",
                    "ServerName \"%{env:SITE} FTP on %{env:SITE}.org\"",
                    "DisplayLogin %{env:FTP_ROOT}/%{env:UNSET_VARIABLE}welcome.msg",
                    "ServerAdmin %{env:SPACE}",
                    "<Directory %{env:FTP_ROOT}/incoming>",
                    "</Directory>"));
            assertThat(nodes).containsExactly(
                    directive(1, "DefaultRoot", "/srv/ftp"),
                    directive(2, "ServerName", "example FTP on example.org"),
                    directive(3, "DisplayLogin", "/srv/ftp/welcome.msg"),
                    directive(4, "ServerAdmin", "a b"),
                    section(5, "Directory", List.of("/srv/ftp/incoming")));
        }

        @Test
        void unsetEnvironmentVariableGivesAnEmptyArgument() throws Exception {
            assertThat(parse("ServerIdent on %{env:NOPE}\n")).containsExactly(directive(1, "ServerIdent", "on", ""));
        }

        @Test
        void malformedEnvironmentReferencesAreErrors() {
            assertThat(errorsOf(lines("DefaultRoot %{env:FTP_ROOT", "DefaultRoot %{env:}/x")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: unterminated %{env:...} in '%{env:FTP_ROOT'",
                            "/etc/ferry/ferry.conf:2: empty variable name in %{env:} in '%{env:}/x'");
        }

        @Test
        void environmentValueWithALineBreakIsAnError() {
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                    () -> ConfigFileParser.parse("ServerName %{env:EVIL}\n", FILE, ParseOptions.standard(),
                            name -> "x\nDefaultRoot /"));
            assertThat(e.errors()).containsExactly(
                    new ConfigError(at(1), "environment variable EVIL holds a line break or NUL"));
        }
    }

    @Nested
    class Sections {

        @Test
        void sectionsNestWithArgumentsSplitLikeDirectiveArguments() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "<Global>",
                    "  Umask 022",
                    "</Global>",
                    "<VirtualHost 10.0.0.1 ftp.example.com>",
                    "  <Directory \"/srv/ftp/my incoming\">",
                    "    <Limit READ WRITE >",
                    "      DenyAll",
                    "    </Limit>",
                    "  </Directory>",
                    "</VirtualHost>"));
            assertThat(nodes).containsExactly(
                    section(1, "Global", List.of(), directive(2, "Umask", "022")),
                    section(4, "VirtualHost", List.of("10.0.0.1", "ftp.example.com"),
                            section(5, "Directory", List.of("/srv/ftp/my incoming"),
                                    section(6, "Limit", List.of("READ", "WRITE"), directive(7, "DenyAll")))));
        }

        @Test
        void closingTagsMatchCaseInsensitivelyAndKeepTheOpenerSpelling() throws Exception {
            List<ConfigNode> nodes = parse(lines("<limit LOGIN>", "DenyAll", "</LIMIT>  # done", "<Anonymous ~ftp>",
                    "</anonymous >"));
            assertThat(nodes).containsExactly(
                    section(1, "limit", List.of("LOGIN"), directive(2, "DenyAll")),
                    section(4, "Anonymous", List.of("~ftp")));
        }

        @Test
        void runtimeConditionsStaySections() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "<IfClass internal>", "MaxClients 10", "</IfClass>",
                    "<IfUser !alice>", "DefaultRoot ~", "</IfUser>",
                    "<IfGroup staff>", "AllowOverwrite on", "</IfGroup>"));
            assertThat(nodes).containsExactly(
                    section(1, "IfClass", List.of("internal"), directive(2, "MaxClients", "10")),
                    section(4, "IfUser", List.of("!alice"), directive(5, "DefaultRoot", "~")),
                    section(7, "IfGroup", List.of("staff"), directive(8, "AllowOverwrite", "on")));
        }

        @Test
        void unclosedSectionIsReportedAtItsOpener() {
            assertThat(errorsOf(lines("<VirtualHost 10.0.0.1>", "  <Directory /srv>", "  Umask 022", "</VirtualHost>",
                    "<Directory /tmp>", "DenyAll")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:4: </VirtualHost> found while <Directory> (line 2) is still open",
                            "/etc/ferry/ferry.conf:5: <Directory> opened here is never closed");
        }

        @Test
        void strayAndMismatchedClosersAreErrors() {
            assertThat(errorsOf(lines("</Limit>", "<Directory /srv>", "</Limit>", "</Directory>")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: </Limit> without a matching <Limit>",
                            "/etc/ferry/ferry.conf:3: </Limit> does not match the open <Directory> (line 2)");
        }

        @Test
        void malformedTagsAreErrors() {
            // Each broken tag still opens or closes its section, so the nesting after it is checked normally.
            assertThat(errorsOf(lines(
                    "<Directory /srv> DenyAll",
                    "</Directory>",
                    "<Directory /srv",
                    "</Directory> junk",
                    "<Limit READ>",
                    "</Limit READ>",
                    "< Global>",
                    "<Dir-ectory /x>",
                    "</>",
                    "<Limit READ #comment>",
                    "</Limit",
                    "<Class x>",
                    "</Cla-ss>",
                    "</Class>",
                    "<Directory \"/srv>",
                    "</Directory>")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: unexpected text after <Directory>: 'DenyAll'",
                            "/etc/ferry/ferry.conf:3: <Directory> is missing its closing '>'",
                            "/etc/ferry/ferry.conf:4: unexpected text after </Directory>: 'junk'",
                            "/etc/ferry/ferry.conf:6: </Limit> takes no arguments",
                            "/etc/ferry/ferry.conf:7: '<' must be followed by a section name",
                            "/etc/ferry/ferry.conf:8: '<Dir-ectory' is not a section name (letters, digits and '_'"
                                    + " only)",
                            "/etc/ferry/ferry.conf:9: '</' must be followed by a section name",
                            "/etc/ferry/ferry.conf:10: <Limit> is missing its closing '>'",
                            "/etc/ferry/ferry.conf:11: </Limit> is missing its closing '>'",
                            "/etc/ferry/ferry.conf:13: '</Cla-ss>' is not a section name (letters, digits and '_'"
                                    + " only)",
                            "/etc/ferry/ferry.conf:15: unterminated quoted string");
        }

        @Test
        void everyErrorOfAFileIsReportedInLineOrderAndListedInTheMessage() {
            String text = lines("ServerName \"oops", "<Limit LOGIN>", "DenyAll", "</Directory>", "Port 21",
                    "</Limit>", "<Global>");
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class, () -> parse(text));
            assertThat(e.errors()).extracting(ConfigError::toString).containsExactly(
                    "/etc/ferry/ferry.conf:1: unterminated quoted string",
                    "/etc/ferry/ferry.conf:4: </Directory> does not match the open <Limit> (line 2)",
                    "/etc/ferry/ferry.conf:7: <Global> opened here is never closed");
            assertThat(e.getMessage()).isEqualTo(String.join("\n",
                    "/etc/ferry/ferry.conf:1: unterminated quoted string",
                    "/etc/ferry/ferry.conf:4: </Directory> does not match the open <Limit> (line 2)",
                    "/etc/ferry/ferry.conf:7: <Global> opened here is never closed"));
        }
    }

    @Nested
    class Conditionals {

        @Test
        void ifDefineKeepsOrDropsItsChildren() throws Exception {
            ParseOptions options = ParseOptions.standard().withDefine("TLS");
            List<ConfigNode> nodes = parse(lines(
                    "<IfDefine TLS>", "TLSEngine on", "</IfDefine>",
                    "<IfDefine !TLS>", "TLSEngine off", "</IfDefine>",
                    "<IfDefine DEBUG>", "DebugLevel 9", "</IfDefine>",
                    "<IfDefine !DEBUG>", "DebugLevel 0", "</IfDefine>",
                    "<IfDefine tls>", "CaseSensitive no", "</IfDefine>"), options);
            assertThat(nodes).containsExactly(directive(2, "TLSEngine", "on"), directive(11, "DebugLevel", "0"));
        }

        @Test
        void defineAppliesToTheRestOfTheParseOnlyWhereItIsReached() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "<IfDefine FAST>", "Early yes", "</IfDefine>",
                    "<IfDefine NEVER>", "Define SLOW", "</IfDefine>",
                    "<VirtualHost 10.0.0.1>", "define FAST", "</VirtualHost>",
                    "<IfDefine FAST>", "Late yes", "</IfDefine>",
                    "<IfDefine SLOW>", "Slow yes", "</IfDefine>"));
            assertThat(nodes).containsExactly(
                    section(7, "VirtualHost", List.of("10.0.0.1")),
                    directive(11, "Late", "yes"));
        }

        @Test
        void ifModuleTestsTheModuleListInBothSpellings() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "<IfModule mod_tls.c>", "TLSEngine on", "</IfModule>",
                    "<IfModule mod_ifsession>", "<Class internal>", "From 10.0.0.0/8", "</Class>", "</IfModule>",
                    "<IfModule mod_radius.c>", "RadiusEngine on", "</IfModule>",
                    "<IfModule !mod_radius.c>", "AuthOrder mod_auth_file.c", "</IfModule>",
                    "<IfModule !mod_delay.c>", "DelayEngine off", "</IfModule>"));
            assertThat(nodes).containsExactly(
                    directive(2, "TLSEngine", "on"),
                    section(5, "Class", List.of("internal"), directive(6, "From", "10.0.0.0/8")),
                    directive(13, "AuthOrder", "mod_auth_file.c"));
        }

        @Test
        void standardOptionsNameFerrysModules() {
            ParseOptions standard = ParseOptions.standard();
            assertThat(standard.defines()).isEmpty();
            for (String module : List.of("mod_core.c", "mod_auth.c", "mod_xfer.c", "mod_ls.c", "mod_site.c",
                    "mod_delay.c", "mod_facts.c", "mod_ident.c", "mod_auth_file.c", "mod_auth_unix.c", "mod_lang.c",
                    "mod_tls.c", "mod_ifsession.c", "mod_ratio.c", "mod_sql.c", "mod_sql_postgres.c", "mod_sql_mysql.c",
                    "mod_sql_sqlite.c", "mod_sql_passwd.c", "mod_tls", "mod_core")) {
                assertThat(standard.hasModule(module)).as(module).isTrue();
            }
            for (String module : List.of("mod_sftp.c", "mod_quotatab", "mod_radius.c", "mod_tls.cc", "mod_")) {
                assertThat(standard.hasModule(module)).as(module).isFalse();
            }
        }

        @Test
        void customModuleSetIsHonoured() throws Exception {
            ParseOptions noTls = new ParseOptions(Set.of(), Set.of("mod_core"));
            assertThat(parse(lines("<IfModule mod_tls.c>", "TLSEngine on", "</IfModule>",
                    "<IfModule mod_core.c>", "Port 21", "</IfModule>"), noTls))
                    .containsExactly(directive(5, "Port", "21"));
        }

        @Test
        void conditionalsNest() throws Exception {
            List<ConfigNode> nodes = parse(lines(
                    "<IfModule mod_tls.c>",
                    "  Define HAVE_TLS",
                    "  <IfDefine HAVE_TLS>",
                    "    <IfModule !mod_sftp.c>",
                    "      <Anonymous ~ftp>",
                    "        TLSRequired off",
                    "      </Anonymous>",
                    "    </IfModule>",
                    "    <IfDefine !HAVE_TLS>",
                    "      Never here",
                    "    </IfDefine>",
                    "  </IfDefine>",
                    "</IfModule>"));
            assertThat(nodes).containsExactly(
                    section(5, "Anonymous", List.of("~ftp"), directive(6, "TLSRequired", "off")));
        }

        @Test
        void syntaxErrorsInsideAFalseConditionalAreStillReported() {
            assertThat(errorsOf(lines("<IfDefine NEVER>", "ServerName \"broken", "</IfDefine>")))
                    .containsExactly("/etc/ferry/ferry.conf:2: unterminated quoted string");
        }

        @Test
        void malformedConditionalsAndDefinesAreErrors() {
            assertThat(errorsOf(lines(
                    "<IfDefine>", "</IfDefine>",
                    "<IfModule mod_tls.c mod_ls.c>", "</IfModule>",
                    "<IfDefine !>", "</IfDefine>",
                    "Define",
                    "Define A B",
                    "Define !A")))
                    .containsExactly(
                            "/etc/ferry/ferry.conf:1: expected exactly one argument in <IfDefine>, got 0",
                            "/etc/ferry/ferry.conf:3: expected exactly one argument in <IfModule>, got 2",
                            "/etc/ferry/ferry.conf:5: missing name to test in <IfDefine>",
                            "/etc/ferry/ferry.conf:7: expected exactly one name after Define, got 0",
                            "/etc/ferry/ferry.conf:8: expected exactly one name after Define, got 2",
                            "/etc/ferry/ferry.conf:9: the name after Define must not be empty or start with '!'");
        }
    }

    @Nested
    class Limits {

        @Test
        void missingTopFileHasNoLocation(@TempDir Path dir) {
            Path missing = dir.resolve("nope.conf");
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                    () -> ConfigFileParser.parse(missing, ParseOptions.standard()));
            assertThat(e.errors()).containsExactly(
                    new ConfigError(null, "configuration file " + missing + " does not exist"));
            assertThat(e.getMessage()).isEqualTo("configuration file " + missing + " does not exist");
        }

        @Test
        void topFileThatIsADirectoryIsAnError(@TempDir Path dir) {
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                    () -> ConfigFileParser.parse(dir, ParseOptions.standard()));
            assertThat(e.errors()).containsExactly(new ConfigError(new SourceLocation(dir, 1),
                    "configuration file " + dir + " is not a regular file"));
        }

        @Test
        void topFileKeepsThePathAsGiven(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("sub/../ferry.conf");
            Files.createDirectory(dir.resolve("sub"));
            Files.writeString(dir.resolve("ferry.conf"), "Port 21\n");
            assertThat(ConfigFileParser.parse(file, ParseOptions.standard()).getFirst().at().toString())
                    .isEqualTo(file + ":1");
        }

        @Test
        void fileLargerThanFourMebibytesIsAnError(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("huge.conf");
            Files.write(file, ("# " + "x".repeat(4 * 1024 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII));
            ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                    () -> ConfigFileParser.parse(file, ParseOptions.standard()));
            assertThat(e.errors()).containsExactly(new ConfigError(new SourceLocation(file, 1),
                    "configuration file " + file + " is larger than the 4 MiB limit"));
        }

        @Test
        void moreThanOneHundredThousandNodesIsAnError() {
            String text = "Port 21\n".repeat(100_000);
            assertThat(errorsOf(text)).containsExactly("/etc/ferry/ferry.conf:100000: configuration is too large:"
                    + " more than 100000 directives, sections and included files in all");
        }

        @Test
        void justUnderTheNodeLimitParses() throws Exception {
            // 99,999 directives plus the file itself.
            assertThat(parse("Port 21\n".repeat(99_999))).hasSize(99_999);
        }
    }
}
