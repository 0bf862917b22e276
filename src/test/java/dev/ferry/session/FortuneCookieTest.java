package dev.ferry.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Picking one cookie of a fortune(6) file, whatever byte the random pick lands on. */
class FortuneCookieTest {
    private static final String FILE = "First cookie.\n%\nSecond cookie,\n  two lines.\n%\nThird\u0007 one.\n";

    @Test
    void everyOffsetYieldsTheCookieThatHoldsIt() throws IOException {
        byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
        Set<List<String>> seen = new HashSet<>();
        for (int at = 0; at < bytes.length; at++) {
            List<String> cookie = FortuneCookie.cookieAround(bytes, at, true);
            assertThat(cookie).isIn(List.of("First cookie."), List.of("Second cookie,", "  two lines."),
                    List.of("Third one."));
            seen.add(cookie);
        }
        assertThat(seen).hasSize(3);
        assertThat(FortuneCookie.cookieAround(bytes, 0, true)).containsExactly("First cookie.");
        assertThat(FortuneCookie.cookieAround(bytes, FILE.indexOf("two"), true))
                .containsExactly("Second cookie,", "  two lines.");
    }

    @Test
    void aWindowThatCutsACookieTakesTheNextWholeOne() throws IOException {
        byte[] window = "ie,\n  two lines.\n%\nThird one.\n".getBytes(StandardCharsets.UTF_8);
        assertThat(FortuneCookie.cookieAround(window, 2, false)).containsExactly("Third one.");
    }

    @Test
    void aFileIsReadOnlyAroundTheChosenByte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("zippy");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            big.append("Cookie number ").append(i).append(".\n%\n");
        }
        Files.writeString(file, big);
        for (int i = 0; i < 50; i++) {
            assertThat(FortuneCookie.pick(file)).singleElement().asString().matches("Cookie number \\d+\\.");
        }
        Files.writeString(file, "");
        assertThat(FortuneCookie.pick(file)).isEmpty();
        assertThat(FortuneCookie.pick(dir.resolve("missing"))).isEmpty();
    }
}
