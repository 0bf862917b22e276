package dev.ferry.log.syslog;

import java.util.Locale;

/**
 * The syslog facilities (RFC 5424 §6.2.1, as syslog(3) numbers them) a daemon may log under:
 * Pure-FTPd's {@code -f}, ProFTPD's {@code SyslogFacility}.
 */
public enum SyslogFacility {
    KERN(0), USER(1), MAIL(2), DAEMON(3), AUTH(4), SYSLOG(5), LPR(6), NEWS(7), UUCP(8), CRON(9), AUTHPRIV(10),
    FTP(11), LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * A facility by name, in any case, with or without syslog.h's {@code LOG_} prefix.
     *
     * @throws IllegalArgumentException naming the facilities there are
     */
    public static SyslogFacility parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.startsWith("LOG_")) {
            n = n.substring(4);
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown syslog facility '" + name.strip() + "'; the facilities are "
                    + "auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp and local0 to "
                    + "local7");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
