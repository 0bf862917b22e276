package dev.ferry.config.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canonical printing of a configuration tree, and parse(print(parse(x))) == parse(x) apart from locations. */
class ConfigTreePrinterTest {

    private static final Path FILE = Path.of("/etc/ferry/ferry.conf");

    private static List<ConfigNode> parse(String text) throws ConfigSyntaxException {
        return ConfigFileParser.parse(text, FILE, ParseOptions.standard(), Map.of("ODD", " \"odd\\ value# ")::get);
    }

    @Test
    void printsTwoSpaceIndentationAndQuotesOnlyWhereNeeded() throws Exception {
        List<ConfigNode> nodes = parse("""
                ServerName    "My FTP server"
                # comment
                <VirtualHost 10.0.0.1 ftp.example.com>
                \t<Anonymous ~ftp>
                    User ftp
                    AccessGrantMsg ""
                      <Directory "/srv/ftp/my incoming">
                    <Limit READ WRITE>
                DenyAll
                </Limit>
                    </Directory>
                  </Anonymous>
                </VirtualHost>
                <IfModule mod_tls.c>
                DisplayLogin welcome#1.msg
                AccessDenyMsg "#1 \\"no\\" \\\\ way"
                Unquoted C:\\dir
                </IfModule>
                <Global>
                </Global>
                """);
        assertThat(ConfigTreePrinter.print(nodes)).isEqualTo("""
                ServerName "My FTP server"
                <VirtualHost 10.0.0.1 ftp.example.com>
                  <Anonymous ~ftp>
                    User ftp
                    AccessGrantMsg ""
                    <Directory "/srv/ftp/my incoming">
                      <Limit READ WRITE>
                        DenyAll
                      </Limit>
                    </Directory>
                  </Anonymous>
                </VirtualHost>
                DisplayLogin welcome#1.msg
                AccessDenyMsg "#1 \\"no\\" \\\\ way"
                Unquoted "C:\\\\dir"
                <Global>
                </Global>
                """);
    }

    @Test
    void emptyTreePrintsNothing() {
        assertThat(ConfigTreePrinter.print(List.of())).isEmpty();
    }

    @Test
    void quotingCoversEveryCharacterTheTokenizerTreatsSpecially() {
        assertThat(ConfigTreePrinter.quoteIfNeeded("plain")).isEqualTo("plain");
        assertThat(ConfigTreePrinter.quoteIfNeeded("")).isEqualTo("\"\"");
        assertThat(ConfigTreePrinter.quoteIfNeeded("#x")).isEqualTo("\"#x\"");
        assertThat(ConfigTreePrinter.quoteIfNeeded("x#")).isEqualTo("x#");
        assertThat(ConfigTreePrinter.quoteIfNeeded("a>b")).isEqualTo("\"a>b\"");
        assertThat(ConfigTreePrinter.quoteIfNeeded("tab\there")).isEqualTo("\"tab\there\"");
        assertThat(ConfigTreePrinter.quoteIfNeeded("end\\")).isEqualTo("\"end\\\\\"");
        assertThat(ConfigTreePrinter.quoteIfNeeded("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    }

    @Test
    void roundTripKeepsTheTree() throws Exception {
        String text = """
                ServerName "My \\"FTP\\" server"
                AccessGrantMsg "" ""
                DisplayLogin welcome#1.msg
                Odd %{env:ODD} "#hash" ">" "trailing\\\\"
                PassivePorts 60000 65535 # comment
                AllowUser alice,\\
                bob
                <VirtualHost 10.0.0.1 "ftp example">
                  <Directory "/srv/a>b">
                    <Limit READ WRITE>
                      DenyAll
                    </Limit>
                  </Directory>
                  <IfClass !internal>
                    MasqueradeAddress 1.2.3.4
                  </IfClass>
                </VirtualHost>
                <IfDefine !NOPE>
                  Port 2121
                </IfDefine>
                """;
        List<ConfigNode> first = parse(text);
        String printed = ConfigTreePrinter.print(first);
        List<ConfigNode> second = parse(printed);
        assertThat(Outline.shape(second)).isEqualTo(Outline.shape(first));
        assertThat(ConfigTreePrinter.print(second)).isEqualTo(printed);
        assertThat(first.get(3).args()).containsExactly(" \"odd\\ value# ", "#hash", ">", "trailing\\");
        assertThat(Outline.shape(first)).isEqualTo("""
                ServerName «My "FTP" server»
                AccessGrantMsg «» «»
                DisplayLogin «welcome#1.msg»
                Odd « "odd\\ value# » «#hash» «>» «trailing\\»
                PassivePorts «60000» «65535»
                AllowUser «alice,bob»
                <VirtualHost «10.0.0.1» «ftp example»
                  <Directory «/srv/a>b»
                    <Limit «READ» «WRITE»
                      DenyAll
                  <IfClass «!internal»
                    MasqueradeAddress «1.2.3.4»
                Port «2121»
                """);
    }
}
