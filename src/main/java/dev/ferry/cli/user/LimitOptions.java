package dev.ferry.cli.user;

import dev.ferry.auth.UserLimits;
import dev.ferry.policy.ratio.Ratio;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The per-user limit options shared by {@code user add} and {@code user mod} (a picocli mixin).
 * An option left out keeps the current value; 0 means "no limit of its own".
 */
final class LimitOptions {

    @Option(names = "--max-sessions", paramLabel = "N", converter = Count.class,
            description = "Concurrent sessions for this user (0: the server's limit applies).")
    Long maxSessions;

    @Option(names = "--upload-rate", paramLabel = "BYTES/s", converter = ByteSize.Converter.class,
            description = "Upload bandwidth cap of each transfer, e.g. 512K or 10M "
                    + "(0: the server's -T or TransferRate, if any).")
    Long uploadRate;

    @Option(names = "--download-rate", paramLabel = "BYTES/s", converter = ByteSize.Converter.class,
            description = "Download bandwidth cap of each transfer, e.g. 512K or 10M "
                    + "(0: the server's -T or TransferRate, if any).")
    Long downloadRate;

    @Option(names = "--quota-bytes", paramLabel = "BYTES", converter = ByteSize.Converter.class,
            description = "Total bytes the user may keep in their home, e.g. 5G (0: no quota); an upload "
                    + "that would pass it gets 552 and is not kept.")
    Long quotaBytes;

    @Option(names = "--quota-files", paramLabel = "N", converter = Count.class,
            description = "Total files the user may keep in their home (0: no quota); a new file beyond it "
                    + "is refused with 552.")
    Long quotaFiles;

    @Option(names = "--ratio", paramLabel = "UPLOAD:DOWNLOAD", converter = RatioSpec.class,
            description = "Upload/download ratio in bytes, e.g. 1:5 (every byte uploaded allows 5 downloaded; "
                    + "a download beyond it gets 550); 0 removes it (the server's -q/-Q or UserRatio apply).")
    Ratio.Share ratio;

    boolean anyGiven() {
        return maxSessions != null || uploadRate != null || downloadRate != null
                || quotaBytes != null || quotaFiles != null || ratio != null;
    }

    /** {@code base} with the given options applied. */
    UserLimits applyTo(UserLimits base) {
        if (maxSessions != null && maxSessions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-sessions is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return new UserLimits(
                maxSessions != null ? maxSessions.intValue() : base.maxSessions(),
                uploadRate != null ? uploadRate : base.uploadBytesPerSec(),
                downloadRate != null ? downloadRate : base.downloadBytesPerSec(),
                quotaBytes != null ? quotaBytes : base.quotaBytes(),
                quotaFiles != null ? quotaFiles : base.quotaFiles(),
                ratio != null ? ratio.upload() : base.ratioUpload(),
                ratio != null ? ratio.download() : base.ratioDownload());
    }

    /** {@code UPLOAD:DOWNLOAD}, both at least 1, or 0 for none. */
    static final class RatioSpec implements ITypeConverter<Ratio.Share> {
        @Override
        public Ratio.Share convert(String value) {
            if (value.strip().equals("0")) {
                return Ratio.Share.NONE;
            }
            try {
                return Ratio.ofPureFtpd(value).bytes();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--ratio " + e.getMessage() + ", or 0 for none");
            }
        }
    }

    /** A plain non-negative number; anything else is a usage error. */
    static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            if (!value.matches("[0-9]{1,18}")) {
                throw new TypeConversionException("'" + value + "' is not a whole number of 0 or more");
            }
            return Long.parseLong(value);
        }
    }
}
