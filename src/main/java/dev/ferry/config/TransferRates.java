package dev.ferry.config;

/**
 * Bandwidth caps for one session's transfers, in bytes per second; 0 is no cap. Pure-FTPd's
 * {@code -t}/{@code -T UPLOAD:DOWNLOAD} (KB/s), ProFTPD's {@code TransferRate}, and a virtual
 * user's own {@code --upload-rate}/{@code --download-rate}.
 *
 * @param upload   STOR, APPE and STOU
 * @param download RETR
 */
public record TransferRates(long upload, long download) {
    public static final TransferRates NONE = new TransferRates(0, 0);

    public TransferRates {
        if (upload < 0 || download < 0) {
            throw new IllegalArgumentException("rates must not be negative");
        }
    }

    /** These rates, each that is 0 taken from {@code fallback}. */
    public TransferRates orElse(TransferRates fallback) {
        return new TransferRates(upload > 0 ? upload : fallback.upload(), download > 0 ? download : fallback.download());
    }

    public boolean isLimited() {
        return upload > 0 || download > 0;
    }

    /**
     * Pure-FTPd's {@code UPLOAD:DOWNLOAD} in KB/s ({@code -t}, {@code -T}): one number for both,
     * or either side left empty for no cap on it.
     *
     * @throws IllegalArgumentException for anything else; the message says what is expected
     */
    public static TransferRates ofPureFtpd(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (spec.isBlank() || parts.length > 2 || (parts.length == 2 && parts[0].isBlank() && parts[1].isBlank())) {
            throw new IllegalArgumentException("takes KB/s as RATE or UPLOAD:DOWNLOAD, e.g. 100 or 50:200, not '"
                    + spec + "'");
        }
        long up = kilobytes(parts[0], spec);
        long down = parts.length == 2 ? kilobytes(parts[1], spec) : up;
        return new TransferRates(up, down);
    }

    private static long kilobytes(String part, String spec) {
        String p = part.strip();
        if (p.isEmpty()) {
            return 0;
        }
        if (!p.matches("[0-9]{1,12}")) {
            throw new IllegalArgumentException("takes KB/s as RATE or UPLOAD:DOWNLOAD, e.g. 100 or 50:200, not '"
                    + spec + "'");
        }
        return Long.parseLong(p) * 1024;
    }
}
