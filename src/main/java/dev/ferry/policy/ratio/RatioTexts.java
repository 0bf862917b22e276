package dev.ferry.policy.ratio;

import java.util.Objects;
import java.util.Optional;

/**
 * The administrator's own texts (ProFTPD mod_ratio): the lead of the 550 that refuses a download
 * for the file ratio ({@code FileRatioErrMsg}) or the byte ratio ({@code ByteRatioErrMsg}), and
 * the line a login without a ratio is told ({@code LeechRatioMsg}). Empty: Ferry's own, and no
 * leech line.
 */
public record RatioTexts(Optional<String> fileRefusal, Optional<String> byteRefusal, Optional<String> leech) {
    public static final RatioTexts STANDARD = new RatioTexts(Optional.empty(), Optional.empty(), Optional.empty());

    public RatioTexts {
        Objects.requireNonNull(fileRefusal);
        Objects.requireNonNull(byteRefusal);
        Objects.requireNonNull(leech);
    }
}
