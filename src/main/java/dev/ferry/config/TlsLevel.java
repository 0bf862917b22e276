package dev.ferry.config;

/**
 * How much TLS a server asks for: the levels of Pure-FTPd's {@code -Y} / {@code --tls}
 * (pure-ftpd(8)), which ProFTPD's {@code TLSRequired off|on|ctrl} roughly matches.
 */
public enum TlsLevel {
    /** 0: no TLS; AUTH is refused. */
    OFF,
    /** 1: clients may use TLS (AUTH TLS, PROT P) or not. */
    OPTIONAL,
    /** 2: the control connection must be protected before login; data connections may be clear. */
    CONTROL,
    /** 3: control and data connections must be protected. */
    CONTROL_AND_DATA;

    /** The level Pure-FTPd's {@code -Y N} names. */
    public static TlsLevel ofPureFtpd(String value) {
        return switch (value.strip()) {
            case "0" -> OFF;
            case "1" -> OPTIONAL;
            case "2" -> CONTROL;
            case "3" -> CONTROL_AND_DATA;
            default -> throw new IllegalArgumentException("-Y (--tls) takes 0, 1, 2 or 3, not '" + value + "'");
        };
    }
}
