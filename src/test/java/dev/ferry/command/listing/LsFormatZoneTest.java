package dev.ferry.command.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.fs.FileEntry;
import dev.ferry.fs.FileKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** LIST dates in UTC (TimesGMT on, the default) or in another zone (TimesGMT off). */
class LsFormatZoneTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static FileEntry file(Instant modified) {
        return new FileEntry("a.txt", FileKind.FILE, 1, modified, 0644, 1, "ftp", "ftp", "1");
    }

    @Test
    void recentDatesShowTheZonesWallClock() {
        FileEntry entry = file(Instant.parse("2026-03-09T20:45:00Z"));
        assertThat(new LsFormat(NOW).line(entry)).endsWith(" Mar 09 20:45 a.txt");
        assertThat(new LsFormat(NOW, ZoneOffset.UTC).line(entry)).endsWith(" Mar 09 20:45 a.txt");
        assertThat(new LsFormat(NOW, ZoneId.of("Asia/Kolkata")).line(entry)).endsWith(" Mar 10 02:15 a.txt");
        assertThat(new LsFormat(NOW, ZoneId.of("America/New_York")).line(entry)).endsWith(" Mar 09 16:45 a.txt");
    }

    @Test
    void oldDatesShowTheZonesDayAndYear() {
        FileEntry entry = file(Instant.parse("2020-12-31T20:00:00Z"));
        assertThat(new LsFormat(NOW).line(entry)).endsWith(" Dec 31  2020 a.txt");
        assertThat(new LsFormat(NOW, ZoneId.of("Asia/Kolkata")).line(entry)).endsWith(" Jan 01  2021 a.txt");
    }

    @Test
    void entriesOnEitherSideOfAChangeOfOffsetKeepTheirOwnOffset() {
        // New York moved to daylight time on 2026-03-08 at 07:00 UTC
        LsFormat format = new LsFormat(NOW, ZoneId.of("America/New_York"));
        assertThat(format.line(file(Instant.parse("2026-03-08T06:30:00Z")))).endsWith(" Mar 08 01:30 a.txt");
        assertThat(format.line(file(Instant.parse("2026-03-08T07:30:00Z")))).endsWith(" Mar 08 03:30 a.txt");
    }
}
