package dev.ferry.policy.ratio;

import java.util.Objects;

/**
 * An upload/download ratio: what a login must upload to be allowed to download. Files and bytes
 * are counted separately, each with a credit granted before anything is uploaded. Pure-FTPd's
 * {@code -q}/{@code -Q UPLOAD:DOWNLOAD} is a byte share without credit; ProFTPD's mod_ratio
 * ({@code UserRatio name FILE-RATIO FILE-CREDIT BYTE-RATIO BYTE-CREDIT}) sets all four.
 *
 * @param files      the file share, or {@link Share#NONE} for no file ratio
 * @param fileCredit files that may be downloaded before any upload
 * @param bytes      the byte share, or {@link Share#NONE} for no byte ratio
 * @param byteCredit bytes that may be downloaded before any upload
 */
public record Ratio(Share files, long fileCredit, Share bytes, long byteCredit) {
    /** No ratio: downloads are not limited by uploads (ProFTPD calls such a login a leech). */
    public static final Ratio NONE = new Ratio(Share.NONE, 0, Share.NONE, 0);

    public Ratio {
        Objects.requireNonNull(files);
        Objects.requireNonNull(bytes);
        if (fileCredit < 0 || byteCredit < 0) {
            throw new IllegalArgumentException("a ratio's credit cannot be negative");
        }
    }

    /** Whether downloads are checked against uploads at all. */
    public boolean isEnforced() {
        return files.isSet() || bytes.isSet();
    }

    /**
     * Pure-FTPd's {@code UPLOAD:DOWNLOAD}, e.g. {@code 1:5}: every UPLOAD bytes uploaded allow
     * DOWNLOAD bytes downloaded. Both at least 1.
     *
     * @throws IllegalArgumentException for anything else; the message says what is expected
     */
    public static Ratio ofPureFtpd(String spec) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length != 2 || !parts[0].strip().matches("[0-9]{1,9}") || !parts[1].strip().matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("takes UPLOAD:DOWNLOAD, e.g. 1:5, not '" + spec + "'");
        }
        long up = Long.parseLong(parts[0].strip());
        long down = Long.parseLong(parts[1].strip());
        if (up < 1 || down < 1) {
            throw new IllegalArgumentException("takes UPLOAD:DOWNLOAD with both at least 1, not '" + spec + "'");
        }
        return new Ratio(Share.NONE, 0, new Share(up, down), 0);
    }

    /**
     * ProFTPD mod_ratio's four numbers. A ratio {@code N} above 0 lets each file (or KB) uploaded
     * earn N downloaded, one below 0 makes N uploaded earn 1, and 0 turns that check off. Byte
     * credit is in KB, as ProFTPD counts it.
     */
    public static Ratio ofProftpd(long fileRatio, long fileCredit, long byteRatio, long byteCreditKb) {
        if (fileCredit < 0 || byteCreditKb < 0) {
            throw new IllegalArgumentException("the credits cannot be negative");
        }
        return new Ratio(Share.ofProftpd(fileRatio), fileCredit, Share.ofProftpd(byteRatio),
                Math.multiplyExact(byteCreditKb, 1024L));
    }

    /** How a reply names the ratio, e.g. "1:5 in bytes" or "1:10 in files and 1:2 in bytes". */
    public String describe() {
        if (!isEnforced()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        if (files.isSet()) {
            s.append(files).append(" in files");
        }
        if (bytes.isSet()) {
            s.append(s.isEmpty() ? "" : " and ").append(bytes).append(" in bytes");
        }
        return s.toString();
    }

    /**
     * Every {@code upload} units uploaded allow {@code download} downloaded; both 0 for none.
     */
    public record Share(long upload, long download) {
        public static final Share NONE = new Share(0, 0);

        public Share {
            if (upload < 0 || download < 0 || (upload == 0) != (download == 0)) {
                throw new IllegalArgumentException("a share needs two positive numbers, or two zeros for none");
            }
            if (upload > 1_000_000_000L || download > 1_000_000_000L) {
                throw new IllegalArgumentException("a share's numbers are at most 1000000000");
            }
        }

        static Share ofProftpd(long ratio) {
            if (ratio == 0) {
                return NONE;
            }
            return ratio > 0 ? new Share(1, ratio) : new Share(-ratio, 1);
        }

        public boolean isSet() {
            return upload > 0;
        }

        /** What {@code uploaded} units earn, rounded down; exact for any count up to {@link Long#MAX_VALUE}. */
        long earned(long uploaded) {
            long high = Math.multiplyHigh(uploaded, download);
            long low = uploaded * download;
            if (high == 0 && low >= 0) {
                return low / upload;
            }
            return java.math.BigInteger.valueOf(uploaded).multiply(java.math.BigInteger.valueOf(download))
                    .divide(java.math.BigInteger.valueOf(upload)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                    .longValueExact();
        }

        @Override
        public String toString() {
            return upload + ":" + download;
        }
    }
}
