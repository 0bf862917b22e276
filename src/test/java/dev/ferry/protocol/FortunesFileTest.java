package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.testkit.RawFtpClient;
import dev.ferry.testkit.RawFtpClient.RawReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pure-FTPd's {@code -F FILE} ({@code --fortunesfile}): a random cookie in each greeting. */
class FortunesFileTest {
    @TempDir
    Path dir;

    @Test
    void eachGreetingCarriesOneCookieBeforeTheBannerLine() throws IOException {
        Path fortunes = dir.resolve("zippy");
        Files.writeString(fortunes, "Are we having FUN yet?\n%\nYow!\n%\nI want a WESSON OIL lease!\n");
        try (RulesServer server = RulesServer.fromSwitches(dir, "-F", fortunes.toString())) {
            Set<String> cookies = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                try (RawFtpClient client = server.connect()) {
                    RawReply banner = client.banner();
                    assertThat(banner.code()).isEqualTo(220);
                    assertThat(banner.lines()).hasSize(2);
                    assertThat(banner.lines().getLast()).endsWith("ready");
                    cookies.add(banner.lines().getFirst().replaceFirst("^220-", ""));
                }
            }
            assertThat(cookies).isSubsetOf("Are we having FUN yet?", "Yow!", "I want a WESSON OIL lease!")
                    .hasSizeGreaterThan(1);
        }
    }

    @Test
    void aMissingFileStopsTheStart() {
        assertThatThrownBy(() -> RulesServer.fromSwitches(dir, "--fortunesfile", dir.resolve("none").toString()))
                .hasStackTraceContaining("-F (--fortunesfile)");
    }
}
