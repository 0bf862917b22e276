package dev.ferry.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the server says besides the protocol: the banner and the message files an admin
 * configures (ProFTPD {@code ServerIdent}, {@code DisplayConnect}, {@code DisplayLogin},
 * {@code AccessGrantMsg}, {@code DisplayChdir}).
 *
 * @param ident          the banner text instead of "ServerName ready" ({@code ServerIdent on "text"})
 * @param hideIdent      {@code ServerIdent off}: the banner names neither product nor server
 * @param displayConnect a host file sent as 220- lines before the banner line
 * @param displayLogin   a file sent as 230- lines at login: absolute on the host, or relative to
 *                       the user's root
 * @param accessGrant    the 230 text; {@code %u} is the user name
 * @param displayChdir   a file name looked for in each directory entered, sent as 250- lines
 * @param fortunes       a fortune(6) text file: one random cookie is sent as 220- lines before the
 *                       banner line (Pure-FTPd's {@code -F})
 */
public record Messages(Optional<String> ident, boolean hideIdent, Optional<Path> displayConnect,
                       Optional<String> displayLogin, Optional<String> accessGrant, Optional<String> displayChdir,
                       Optional<Path> fortunes) {

    public static final Messages NONE = new Messages(Optional.empty(), false, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /** Messages without a fortune file (ProFTPD has none). */
    public Messages(Optional<String> ident, boolean hideIdent, Optional<Path> displayConnect,
                    Optional<String> displayLogin, Optional<String> accessGrant, Optional<String> displayChdir) {
        this(ident, hideIdent, displayConnect, displayLogin, accessGrant, displayChdir, Optional.empty());
    }

    public Messages withDisplayLogin(Optional<String> file) {
        return new Messages(ident, hideIdent, displayConnect, file, accessGrant, displayChdir, fortunes);
    }

    public Messages withAccessGrant(Optional<String> text) {
        return new Messages(ident, hideIdent, displayConnect, displayLogin, text, displayChdir, fortunes);
    }

    public Messages withDisplayChdir(Optional<String> file) {
        return new Messages(ident, hideIdent, displayConnect, displayLogin, accessGrant, file, fortunes);
    }

    public Messages withFortunes(Optional<Path> file) {
        return new Messages(ident, hideIdent, displayConnect, displayLogin, accessGrant, displayChdir, file);
    }
}
