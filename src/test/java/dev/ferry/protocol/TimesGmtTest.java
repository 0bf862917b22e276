package dev.ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.testkit.RawFtpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProFTPD's {@code TimesGMT} (mod_core): {@code off} shows LIST dates in the server's time zone.
 * MDTM and MLSx stay in UTC whatever it says, as RFC 3659 §2.3 requires of their time-vals.
 */
class TimesGmtTest {
    private static final DateTimeFormatter LS = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH);

    @TempDir
    Path dir;
    private TimeZone saved;

    @BeforeEach
    void serverZone() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata")); // UTC+05:30 all year: no DST surprises
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(saved);
    }

    private static Instant stamp(Path file) throws IOException {
        Instant when = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Files.setLastModifiedTime(file, FileTime.from(when));
        return when;
    }

    @Test
    void timesGmtOffShowsListDatesInTheServersZone() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "TimesGMT off\n");
             RawFtpClient client = server.alice()) {
            Instant when = stamp(Files.writeString(server.home().resolve("a.txt"), "a"));
            String line = RulesServer.run(client, "LIST a.txt").data().strip();
            assertThat(line).endsWith(" " + LS.withZone(ZoneId.of("Asia/Kolkata")).format(when) + " a.txt");
            assertThat(client.command("MDTM a.txt").text())
                    .isEqualTo(DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(when));
            assertThat(RulesServer.run(client, "MLSD").data())
                    .contains("modify=" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
                            .format(when) + ";");
        }
    }

    @Test
    void byDefaultListDatesAreUtc() throws IOException {
        try (RulesServer server = RulesServer.fromConfig(dir, "TimesGMT on\n");
             RawFtpClient client = server.alice()) {
            Instant when = stamp(Files.writeString(server.home().resolve("a.txt"), "a"));
            String line = RulesServer.run(client, "LIST a.txt").data().strip();
            assertThat(line).endsWith(" " + LS.withZone(ZoneOffset.UTC).format(when) + " a.txt");
        }
    }
}
