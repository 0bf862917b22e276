package dev.ferry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure-FTPd's bandwidth syntax and how a login's own rates, the anonymous ones and everyone's combine. */
class TransferRatesTest {
    @Test
    void pureFtpdSpellsKilobytesPerSecond() {
        assertThat(TransferRates.ofPureFtpd("100")).isEqualTo(new TransferRates(102_400, 102_400));
        assertThat(TransferRates.ofPureFtpd("50:200")).isEqualTo(new TransferRates(51_200, 204_800));
        assertThat(TransferRates.ofPureFtpd(":200")).isEqualTo(new TransferRates(0, 204_800));
        assertThat(TransferRates.ofPureFtpd("50:")).isEqualTo(new TransferRates(51_200, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "fast", "1:2:3", "-5", "1.5"})
    void anythingElseIsRefused(String spec) {
        assertThatThrownBy(() -> TransferRates.ofPureFtpd(spec))
                .hasMessage("takes KB/s as RATE or UPLOAD:DOWNLOAD, e.g. 100 or 50:200, not '" + spec + "'");
    }

    @Test
    void aLoginsOwnRateWinsFieldByFieldThenAnonymousThenEveryone() {
        SessionLimits limits = SessionLimits.DEFAULT.withRates(new TransferRates(1000, 2000), new TransferRates(0, 500));
        assertThat(limits.ratesFor(TransferRates.NONE, false)).isEqualTo(new TransferRates(1000, 2000));
        assertThat(limits.ratesFor(new TransferRates(7, 0), false)).isEqualTo(new TransferRates(7, 2000));
        assertThat(limits.ratesFor(TransferRates.NONE, true)).isEqualTo(new TransferRates(1000, 500));
        assertThat(SessionLimits.DEFAULT.ratesFor(TransferRates.NONE, true).isLimited()).isFalse();
    }
}
