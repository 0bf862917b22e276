package dev.ferry.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.command.TimeVal;
import dev.ferry.command.listing.LsFormat;
import dev.ferry.command.listing.MlsxFormat;
import dev.ferry.policy.AccessPolicy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-built LIST and MLSD lines against the formatter-based definitions they replace, for
 * the FileEntry values a listing produces.
 */
class ListingLineFormatTest {
    private static final Instant NOW = Instant.parse("2026-11-21T15:27:00Z");
    private static final DateTimeFormatter RECENT = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static FileEntry entry(String name, FileKind kind, long size, Instant modified, int mode, long links,
                                   String owner) {
        return new FileEntry(name, kind, size, modified, mode, links, owner, "staff", "fd00g1a2b");
    }

    @Test
    void lsLinesMatchTheFormatterLayout() {
        LsFormat format = new LsFormat(NOW);
        assertThat(format.line(entry("a.txt", FileKind.FILE, 5, Instant.parse("2026-11-20T09:05:59.9Z"), 0644, 1,
                "alice")))
                .isEqualTo("-rw-r--r--   1 alice    staff                5 Nov 20 09:05 a.txt");
        assertThat(format.line(entry("old", FileKind.DIRECTORY, 4096, Instant.parse("2020-01-02T00:00:00Z"), 02755,
                12, "a-very-long-owner")))
                .isEqualTo("drwxr-sr-x  12 a-very-long-owner staff             4096 Jan 02  2020 old");
        assertThat(format.line(entry("future", FileKind.OTHER, 0, Instant.parse("2027-03-04T05:06:07Z"), 07000,
                1234, "bob")))
                .isEqualTo("p--S--S--T 1234 bob      staff                0 Mar 04  2027 future");
        assertThat(format.line(entry("nomode", FileKind.FILE, 12_345_678_901_234L, Instant.parse("1969-12-31T23:59:59Z"),
                -1, 1, "x")))
                .isEqualTo("-rw-r--r--   1 x        staff    12345678901234 Dec 31  1969 nomode");
    }

    @Test
    void lsDatesMatchTheFormatterAcrossManyTimes() {
        LsFormat format = new LsFormat(NOW);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            // Runs of equal minutes and days, as in real directories, exercise the kept date too.
            long seconds = NOW.getEpochSecond() - 400L * 86_400 + random.nextLong(500L * 86_400) / 7 * 7;
            Instant t = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
            long age = NOW.getEpochSecond() - seconds;
            String expected = (age < 0 || age > 182L * 24 * 3600 ? OLD : RECENT).format(t);
            String line = format.line(entry("f", FileKind.FILE, 1, t, 0600, 1, "u"));
            assertThat(line).as(t.toString()).endsWith(" " + expected + " f");
        }
    }

    @Test
    void lsYearsOutsideFourDigitsKeepTheFormatterRules() {
        LsFormat format = new LsFormat(NOW);
        Instant farFuture = Instant.parse("+12345-06-07T08:09:10Z");
        Instant ancient = Instant.parse("0099-06-07T08:09:10Z");
        assertThat(format.line(entry("f", FileKind.FILE, 1, farFuture, 0600, 1, "u")))
                .endsWith(" " + OLD.format(farFuture) + " f");
        assertThat(format.line(entry("f", FileKind.FILE, 1, ancient, 0600, 1, "u")))
                .endsWith(" " + OLD.format(ancient) + " f");
    }

    @Test
    void mlsxLinesMatchTheFormatterDefinition() throws Exception {
        MlsxFormat format = new MlsxFormat(List.of("type", "size", "modify", "perm", "unique", "unix.mode"),
                AccessPolicy.FULL);
        FileEntry file = entry("a.txt", FileKind.FILE, 5, Instant.parse("2026-11-20T09:05:59.9Z"), 0644, 1, "alice");
        FileEntry dir = entry("d", FileKind.DIRECTORY, 4096, Instant.parse("2000-01-01T00:00:00.5Z"), 01777, 2, "alice");
        FileEntry fifo = entry("p", FileKind.OTHER, 0, Instant.parse("2001-02-03T04:05:06Z"), 0, 1, "alice");

        assertThat(format.line(file, VirtualPath.ROOT.resolve("a.txt"), "a.txt"))
                .isEqualTo("type=file;size=5;modify=20261120090559;perm=adfrw;unique=fd00g1a2b;UNIX.mode=0644; a.txt");
        assertThat(format.line(dir, VirtualPath.ROOT.resolve("d"), "d"))
                .isEqualTo("type=dir;sizd=4096;modify=20000101000000;perm=cdelfmp;unique=fd00g1a2b;UNIX.mode=1777; d");
        assertThat(format.line(fifo, VirtualPath.ROOT.resolve("p"), "p"))
                .isEqualTo("type=OS.unix=special;size=0;modify=20010203040506;perm=adfrw;unique=fd00g1a2b;UNIX.mode=0000; p");
    }

    @Test
    void mlsxSelectedFactsOnlyAndNoModeWhenUnknown() throws Exception {
        MlsxFormat format = new MlsxFormat(List.of("unix.mode", "modify", "bogus"), AccessPolicy.FULL);
        FileEntry noMode = entry("x", FileKind.FILE, 1, Instant.parse("2026-01-01T00:00:00Z"), -1, 1, "u");
        assertThat(format.line(noMode, VirtualPath.ROOT.resolve("x"), "x")).isEqualTo("modify=20260101000000; x");
    }

    @Test
    void mlsxModifyMatchesTimeValAcrossManyTimes() {
        MlsxFormat format = new MlsxFormat(List.of("modify"), AccessPolicy.FULL);
        SplittableRandom random = new SplittableRandom(7);
        Instant[] edges = {Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59Z"),
            Instant.EPOCH, Instant.ofEpochSecond(-1)};
        for (Instant t : edges) {
            assertThat(format.line(entry("f", FileKind.FILE, 1, t, 0600, 1, "u"), VirtualPath.ROOT, "f"))
                    .isEqualTo("modify=" + TimeVal.format(t) + "; f");
        }
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L) / 3 * 3,
                    random.nextInt(1_000_000_000));
            assertThat(format.line(entry("f", FileKind.FILE, 1, t, 0600, 1, "u"), VirtualPath.ROOT, "f"))
                    .as(t.toString())
                    .isEqualTo("modify=" + TimeVal.format(t) + "; f");
        }
    }
}
