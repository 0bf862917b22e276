package dev.ferry.auth.sql;

/** What a column of a lookup's row gives the account. */
public enum SqlField {
    /** The stored password (required), in one of the source's {@code PasswordFormat}s. */
    PASSWORD,
    /** The home directory: absolute; Pure-FTPd's {@code /./} marks the jail inside it. */
    HOME,
    /** The login shell, for {@code RequireValidShell}. */
    SHELL,
    /** Files the user may keep (Pure-FTPd {@code GetQTAFS}). */
    QUOTA_FILES,
    /** Megabytes the user may keep (Pure-FTPd {@code GetQTASZ}). */
    QUOTA_MEGABYTES,
    /** Upload bandwidth in KB/s (Pure-FTPd {@code GetBandwidthUL}). */
    UPLOAD_KBPS,
    /** Download bandwidth in KB/s (Pure-FTPd {@code GetBandwidthDL}). */
    DOWNLOAD_KBPS,
    /** With {@link #RATIO_DOWNLOAD}: the upload side of the user's ratio (Pure-FTPd {@code GetRatioUL}). */
    RATIO_UPLOAD,
    /** The download side of the user's ratio (Pure-FTPd {@code GetRatioDL}). */
    RATIO_DOWNLOAD,
    /** A column the query returns that Ferry has no use for (a uid, a gid). */
    UNUSED
}
