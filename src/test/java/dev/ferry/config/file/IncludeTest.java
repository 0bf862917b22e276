package dev.ferry.config.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProFTPD's {@code Include}: paths, wildcards, directories, nesting limits and error locations. */
class IncludeTest {

    @TempDir
    Path dir;
    private Path main;

    @BeforeEach
    void setUp() {
        main = dir.resolve("ferry.conf");
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private List<ConfigNode> parseMain() throws ConfigSyntaxException {
        return ConfigFileParser.parse(main, ParseOptions.standard(), Map.<String, String>of()::get);
    }

    private List<String> errorsOfMain() {
        ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class, this::parseMain);
        assertThat(e).as("expected a syntax error").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static Directive directive(Path file, int line, String name, String... args) {
        return new Directive(name, List.of(args), new SourceLocation(file, line));
    }

    @Test
    void relativeIncludeIsSplicedInWithItsOwnFileAndLines() throws Exception {
        Path tls = write("conf.d/tls.conf", "# TLS", "TLSEngine on", "TLSProtocol TLSv1.2 TLSv1.3");
        write("ferry.conf", "ServerName ferry", "Include conf.d/tls.conf", "Port 21");
        assertThat(parseMain()).containsExactly(
                directive(main, 1, "ServerName", "ferry"),
                directive(tls, 2, "TLSEngine", "on"),
                directive(tls, 3, "TLSProtocol", "TLSv1.2", "TLSv1.3"),
                directive(main, 3, "Port", "21"));
    }

    @Test
    void includeInsideASectionAddsChildrenAndNestedIncludesResolveFromTheirOwnDirectory() throws Exception {
        Path anon = write("conf.d/anon.conf", "User ftp", "Include limits/write.conf");
        Path limits = write("conf.d/limits/write.conf", "<Limit WRITE>", "  DenyAll", "</Limit>");
        write("ferry.conf", "<Anonymous ~ftp>", "  include " + dir.resolve("conf.d/anon.conf"), "</Anonymous>");
        List<ConfigNode> nodes = parseMain();
        assertThat(nodes).containsExactly(new Section("Anonymous", List.of("~ftp"), List.of(
                directive(anon, 1, "User", "ftp"),
                new Section("Limit", List.of("WRITE"), List.of(directive(limits, 2, "DenyAll")),
                        new SourceLocation(limits, 1))),
                new SourceLocation(main, 1)));
        assertThat(nodes.getFirst().at().toString()).isEqualTo(main + ":1");
    }

    @Test
    void includedPathsAreAbsoluteEvenWhenTheTopFileIsRelative() throws Exception {
        Path extra = write("extra.conf", "Port 2121");
        Path relativeTop = Path.of("").toAbsolutePath().relativize(write("ferry.conf", "Include extra.conf"));
        List<ConfigNode> nodes = ConfigFileParser.parse(relativeTop, ParseOptions.standard());
        assertThat(nodes).containsExactly(directive(extra, 1, "Port", "2121"));
        assertThat(nodes.getFirst().at().file().isAbsolute()).isTrue();
    }

    @Test
    void pathWithSpacesMustBeQuoted() throws Exception {
        Path spaced = write("my conf/a.conf", "Port 21");
        write("ferry.conf", "Include \"my conf/a.conf\"");
        assertThat(parseMain()).containsExactly(directive(spaced, 1, "Port", "21"));
        write("ferry.conf", "Include my conf/a.conf");
        assertThat(errorsOfMain()).containsExactly(
                main + ":1: expected exactly one path after Include, got 2 (quote a path that contains spaces)");
    }

    @Test
    void wildcardIncludesMatchingFilesInNameOrder() throws Exception {
        Path b = write("conf.d/20-b.conf", "B yes");
        Path a = write("conf.d/10-a.conf", "A yes");
        Path c = write("conf.d/30-c.conf", "C yes");
        write("conf.d/30-c.conf.disabled", "Disabled yes");
        write("conf.d/.hidden.conf", "Hidden yes");
        Files.createDirectories(dir.resolve("conf.d/99-dir.conf"));
        write("ferry.conf", "Include conf.d/*.conf", "Include conf.d/[12]?-*.conf");
        assertThat(parseMain()).containsExactly(
                directive(a, 1, "A", "yes"), directive(b, 1, "B", "yes"), directive(c, 1, "C", "yes"),
                directive(a, 1, "A", "yes"), directive(b, 1, "B", "yes"));
    }

    @Test
    void wildcardMatchingNothingIsFine() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        write("ferry.conf", "Include conf.d/*.conf", "Port 21");
        assertThat(parseMain()).containsExactly(directive(main, 2, "Port", "21"));
    }

    @Test
    void wildcardInADirectoryComponentOrUnderAMissingDirectoryIsAnError() throws Exception {
        write("ferry.conf", "Include conf.*/a.conf", "Include missing.d/*.conf");
        assertThat(errorsOfMain()).containsExactly(
                main + ":1: wildcards are only allowed in the last component of an Include path: 'conf.*/a.conf'",
                main + ":2: directory of Include pattern " + dir.resolve("missing.d/*.conf") + " does not exist");
    }

    @Test
    void directoryIncludesEveryRegularFileInNameOrder() throws Exception {
        Path two = write("conf.d/2", "Two yes");
        Path one = write("conf.d/1.conf", "One yes");
        Path hidden = write("conf.d/.0", "Hidden yes");
        Files.createDirectories(dir.resolve("conf.d/sub"));
        write("conf.d/sub/ignored.conf", "Ignored yes");
        write("ferry.conf", "Include conf.d/");
        assertThat(parseMain()).containsExactly(
                directive(hidden, 1, "Hidden", "yes"), directive(one, 1, "One", "yes"),
                directive(two, 1, "Two", "yes"));
    }

    @Test
    void missingPlainPathIsAnErrorAtTheIncludeLine() throws Exception {
        write("ferry.conf", "Port 21", "", "Include conf.d/missing.conf", "Include");
        assertThat(errorsOfMain()).containsExactly(
                main + ":3: included file " + dir.resolve("conf.d/missing.conf") + " does not exist",
                main + ":4: expected exactly one path after Include, got 0 (quote a path that contains spaces)");
    }

    @Test
    void errorsInsideIncludedFilesNameThoseFilesAfterTheIncludersErrors() throws Exception {
        Path broken = write("broken.conf", "Port 21", "<Limit WRITE>", "DenyAll");
        write("ferry.conf", "ServerName \"x", "Include broken.conf", "</Global>");
        assertThat(errorsOfMain()).containsExactly(
                main + ":1: unterminated quoted string",
                main + ":3: </Global> without a matching <Global>",
                broken + ":2: <Limit> opened here is never closed");
    }

    @Test
    void sectionsMustCloseInTheFileThatOpensThem() throws Exception {
        Path opener = write("open.conf", "<Directory /srv>");
        write("ferry.conf", "Include open.conf", "</Directory>");
        assertThat(errorsOfMain()).containsExactly(
                main + ":2: </Directory> without a matching <Directory>",
                opener + ":1: <Directory> opened here is never closed");
    }

    @Test
    void includeCycleIsAnErrorNamingTheChain() throws Exception {
        Path a = write("a.conf", "A yes", "Include b.conf");
        Path b = write("b.conf", "B yes", "Include a.conf");
        write("ferry.conf", "Include a.conf", "Include ferry.conf");
        assertThat(errorsOfMain()).containsExactly(
                main + ":2: include cycle: " + main + " -> " + main,
                b + ":2: include cycle: " + main + " -> " + a + " -> " + b + " -> " + a);
    }

    @Test
    void includesNestDeeperThanSixteenLevelsIsAnError() throws Exception {
        for (int i = 1; i <= 17; i++) {
            write("level" + i + ".conf", "Level " + i, "Include level" + (i + 1) + ".conf");
        }
        write("level18.conf", "Level 18");
        write("ferry.conf", "Include level1.conf");
        assertThat(errorsOfMain()).containsExactly(dir.resolve("level16.conf") + ":2: cannot include "
                + dir.resolve("level17.conf") + ": includes are nested more than 16 levels deep");
    }

    @Test
    void sixteenLevelsOfIncludesAreAllowed() throws Exception {
        for (int i = 1; i <= 15; i++) {
            write("level" + i + ".conf", "Include level" + (i + 1) + ".conf");
        }
        Path deepest = write("level16.conf", "Level 16");
        write("ferry.conf", "Include level1.conf");
        assertThat(parseMain()).containsExactly(directive(deepest, 1, "Level", "16"));
    }

    @Test
    void includeAndDefineInsideAFalseConditionalAreNeverCarriedOut() throws Exception {
        write("ferry.conf",
                "<IfModule mod_radius.c>", "Include /nonexistent/radius.conf", "Define RADIUS", "</IfModule>",
                "<IfDefine RADIUS>", "RadiusEngine on", "</IfDefine>", "Port 21");
        assertThat(parseMain()).containsExactly(directive(main, 8, "Port", "21"));
    }

    @Test
    void defineInAnIncludedFileHoldsForTheRestOfTheParse() throws Exception {
        write("defines.conf", "Define WITH_ANON");
        write("ferry.conf", "Include defines.conf", "<IfDefine WITH_ANON>", "<Anonymous ~ftp>", "</Anonymous>",
                "</IfDefine>");
        assertThat(parseMain()).containsExactly(
                new Section("Anonymous", List.of("~ftp"), List.of(), new SourceLocation(main, 3)));
    }

    @Test
    void includePathMayComeFromTheEnvironment() throws Exception {
        Path tls = write("secrets/tls.conf", "TLSEngine on");
        write("ferry.conf", "Include %{env:CONF_DIR}/tls.conf");
        List<ConfigNode> nodes = ConfigFileParser.parse(main, ParseOptions.standard(),
                Map.of("CONF_DIR", dir.resolve("secrets").toString())::get);
        assertThat(nodes).containsExactly(directive(tls, 1, "TLSEngine", "on"));
    }

    @Test
    void textParseResolvesIncludesFromThePretendFilesDirectory() throws Exception {
        Path extra = write("extra.conf", "Port 2121");
        List<ConfigNode> nodes = ConfigFileParser.parse("Include extra.conf\n", dir.resolve("virtual.conf"),
                ParseOptions.standard());
        assertThat(nodes).containsExactly(directive(extra, 1, "Port", "2121"));
    }

    @Test
    void oversizedIncludedFileIsAnErrorAtTheIncludeLine() throws Exception {
        Path huge = dir.resolve("huge.conf");
        Files.writeString(huge, "#".repeat(4 * 1024 * 1024 + 1));
        write("ferry.conf", "Port 21", "Include huge.conf");
        assertThat(errorsOfMain()).containsExactly(
                main + ":2: included file " + huge + " is larger than the 4 MiB limit");
    }

    @Test
    void exponentialIncludesStopAtTheNodeLimit() throws Exception {
        // Each level includes the next one twice: 2^15 reads of the last file unless the budget stops it.
        for (int i = 1; i <= 15; i++) {
            write("fan" + i + ".conf", "Include fan" + (i + 1) + ".conf", "Include fan" + (i + 1) + ".conf");
        }
        write("fan16.conf", "Leaf yes");
        ConfigSyntaxException e = catchThrowableOfType(ConfigSyntaxException.class,
                () -> ConfigFileParser.parse("Include fan1.conf\n", main, ParseOptions.standard(), name -> null, 500));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().getFirst().message())
                .isEqualTo("configuration is too large: more than 500 directives, sections and included files in all");
    }

    @Test
    void manyFilesOfOneDirectoryAreReadInOrder() throws Exception {
        List<Directive> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String name = String.format("%02d.conf", i);
            expected.add(directive(write("many/" + name, "File " + i), 1, "File", String.valueOf(i)));
        }
        write("ferry.conf", "Include many");
        assertThat(parseMain()).containsExactlyElementsOf(expected);
    }
}
