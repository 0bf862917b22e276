package dev.ferry.log.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.log.transfer.TransferRecord.Direction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lines each transfer log format writes, byte for byte, and how they keep one record to one line. */
class TransferLogFormatTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant END = Instant.parse("2026-11-22T04:13:27.456Z");
    private static final Instant START = Instant.parse("2026-11-22T04:10:00Z");

    private static TransferRecord record(Direction direction, String file, String user, boolean complete) {
        return new TransferRecord(END, Duration.ofMillis(2600), 42, START, "192.0.2.7", user, false, file,
                "/docs/a.txt", direction, false, 12345, complete);
    }

    private static String line(TransferLogFormat format, TransferRecord record) {
        return format.line(record, BERLIN).orElseThrow();
    }

    @Test
    void xferlogHasTheFourteenFieldsOfXferlog5() {
        assertThat(line(TransferLogFormat.XFERLOG, record(Direction.UPLOAD, "/srv/ftp/alice/docs/a.txt", "alice",
                true))).isEqualTo("Sun Nov 22 05:13:27 2026 3 192.0.2.7 12345 /srv/ftp/alice/docs/a.txt b _ i r alice "
                + "ftp 0 * c\n");
        TransferRecord anonymousAscii = new TransferRecord(END, Duration.ofMillis(400), 1, START, "::1", "ftp", true,
                "/pub/r.txt", "/r.txt", Direction.DOWNLOAD, true, 10, false);
        assertThat(line(TransferLogFormat.XFERLOG, anonymousAscii))
                .isEqualTo("Sun Nov 22 05:13:27 2026 0 ::1 10 /pub/r.txt a _ o a ftp ftp 0 * i\n");
        assertThat(line(TransferLogFormat.XFERLOG, record(Direction.DELETE, "/x", "alice", true)))
                .contains(" /x b _ d r alice ");
    }

    @Test
    void blanksAndLineBreaksInNamesCannotShiftOrSplitAnXferlogRecord() {
        String text = line(TransferLogFormat.XFERLOG, record(Direction.UPLOAD,
                "/h/a b\tc\nd\re\u2028f\u0085g", "ev il", true));
        assertThat(text).contains(" /h/a_b_c_d_e_f_g b _ i r ev_il ftp ");
        assertThat(text.split(" ")).hasSize(18); // 14 fields, the date taking five
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(line(TransferLogFormat.XFERLOG, record(Direction.UPLOAD, "/f", "", true))).contains(" r * ftp ");
    }

    @Test
    void clfReadsAsAWebServerLogWithTheFileUrlEncoded() {
        assertThat(line(TransferLogFormat.CLF, record(Direction.DOWNLOAD, "/srv/a b/\"é\".txt", "alice", true)))
                .isEqualTo("192.0.2.7 - alice [22/Nov/2026:05:13:27 +0100] \"GET /srv/a%20b/%22%C3%A9%22.txt\" 200 "
                        + "12345\n");
        assertThat(line(TransferLogFormat.CLF, record(Direction.UPLOAD, "/u", "alice", true)))
                .contains("\"PUT /u\" 200 12345");
    }

    @Test
    void statsHasTimeSessionUserHostDirectionSizeDurationFile() {
        assertThat(line(TransferLogFormat.STATS, record(Direction.UPLOAD, "/srv/a b.txt", "alice", true)))
                .isEqualTo(END.getEpochSecond() + " " + Long.toHexString(START.getEpochSecond())
                        + ".2a alice 192.0.2.7 U 12345 3 /srv/a_b.txt\n");
    }

    @Test
    void w3cWritesUtcTimesUnderItsHeader() {
        assertThat(line(TransferLogFormat.W3C, record(Direction.DOWNLOAD, "/srv/a.txt", "alice", true)))
                .isEqualTo("2026-11-22 04:13:27 192.0.2.7 []sent /srv/a.txt 226 alice 12345\n");
        assertThat(TransferLogFormat.W3C.header(END).orElseThrow()).isEqualTo("""
                #Software: Ferry
                #Version: 1.0
                #Date: 2026-11-22 04:13:27
                #Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes
                """);
        assertThat(TransferLogFormat.XFERLOG.header(END)).isEmpty();
    }

    @Test
    void jsonNamesEveryFieldAndEscapesWhatClientsSent() {
        assertThat(line(TransferLogFormat.JSON, record(Direction.UPLOAD, "/srv/\"q\"\\\n.txt", "al\u0001ice", false)))
                .isEqualTo("{\"time\":\"2026-11-22T04:13:27.456Z\",\"session\":42,\"client\":\"192.0.2.7\","
                        + "\"user\":\"al\\u0001ice\",\"anonymous\":false,\"direction\":\"upload\","
                        + "\"file\":\"/srv/\\\"q\\\"\\\\\\n.txt\",\"path\":\"/docs/a.txt\",\"type\":\"binary\","
                        + "\"bytes\":12345,\"seconds\":2.600,\"complete\":false}\n");
    }

    @Test
    void onlyXferlogAndJsonRecordDeletionsAndIncompleteTransfers() {
        for (TransferLogFormat f : new TransferLogFormat[] {TransferLogFormat.CLF, TransferLogFormat.STATS,
                TransferLogFormat.W3C}) {
            assertThat(f.line(record(Direction.DELETE, "/x", "a", true), BERLIN)).as(f.label()).isEmpty();
            assertThat(f.line(record(Direction.UPLOAD, "/x", "a", false), BERLIN)).as(f.label()).isEmpty();
        }
        assertThat(TransferLogFormat.JSON.line(record(Direction.DELETE, "/x", "a", true), BERLIN))
                .hasValueSatisfying(l -> assertThat(l).contains("\"direction\":\"delete\""));
        assertThat(TransferLogFormat.XFERLOG.line(record(Direction.UPLOAD, "/x", "a", false), BERLIN))
                .hasValueSatisfying(l -> assertThat(l).endsWith(" i\n"));
    }

    @Test
    void specsAreFormatColonFile() {
        TransferLogSpec spec = TransferLogSpec.parse("CLF:/var/log/pureftpd.log");
        assertThat(spec.format()).isEqualTo(TransferLogFormat.CLF);
        assertThat(spec.file()).hasToString("/var/log/pureftpd.log");
        assertThatThrownBy(() -> TransferLogSpec.parse("/var/log/xferlog"))
                .hasMessageContaining("takes FORMAT:FILE");
        assertThatThrownBy(() -> TransferLogSpec.parse("apache:/var/log/x"))
                .hasMessage("unknown log format 'apache'; the formats are xferlog, clf, stats, w3c and json");
        assertThat(Optional.of(TransferLogSpec.parse("xferlog:rel/x").file().isAbsolute())).contains(true);
    }
}
