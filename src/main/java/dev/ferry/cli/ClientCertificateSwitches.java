package dev.ferry.cli;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The client-certificate switches of {@code ferry serve} (RFC 4217 §12), the command-line form
 * of ProFTPD's {@code TLSVerifyClient}, {@code TLSCACertificateFile}/{@code TLSCACertificatePath}
 * and {@code TLSUserName}; see {@link ClientCertificates}.
 */
public final class ClientCertificateSwitches {

    @Option(names = "--tls-verify-client", paramLabel = "off|optional|required",
            description = "Ask FTPS clients for a certificate and verify it against --tls-client-ca: "
                    + "optional (a client may send none) or required (the handshake fails without one). Default: off.")
    private String verify;

    @Option(names = "--tls-client-ca", paramLabel = "FILE|DIR",
            description = "PEM file (or directory of PEM files) of the CAs whose client certificates are trusted.")
    private Path ca;

    @Option(names = "--tls-client-login", paramLabel = "password|certificate|certificate+password",
            description = "What a client certificate does for a login: nothing (password, the default), log the "
                    + "user it names in at USER (certificate), or be needed along with the password.")
    private String login;

    @Option(names = "--tls-user-map", paramLabel = "FILE",
            description = "With --tls-user-from subject: lines USER: SUBJECT-DN naming each user's certificates.")
    private Path userMap;

    @Option(names = "--tls-user-from", paramLabel = "cn|email|subject",
            description = "Which part of a certificate names its user: the subject CN (default), an e-mail "
                    + "subject alternative name, or the whole subject as --tls-user-map lists it.")
    private String userFrom;

    /** Whether any of these switches was given. */
    public boolean given() {
        return verify != null || ca != null || login != null || userFrom != null || userMap != null;
    }

    /** The settings these switches describe. */
    public ClientCertificates settings() {
        Verification verification = verify == null ? Verification.OFF : switch (verify.toLowerCase(Locale.ROOT)) {
            case "off" -> Verification.OFF;
            case "optional" -> Verification.OPTIONAL;
            case "required", "on" -> Verification.REQUIRED;
            default -> throw new IllegalArgumentException("--tls-verify-client takes off, optional or required, not '"
                    + verify + "'");
        };
        LoginMode mode = login == null ? LoginMode.PASSWORD : switch (login.toLowerCase(Locale.ROOT)) {
            case "password" -> LoginMode.PASSWORD;
            case "certificate" -> LoginMode.CERTIFICATE;
            case "certificate+password" -> LoginMode.CERTIFICATE_AND_PASSWORD;
            default -> throw new IllegalArgumentException("--tls-client-login takes password, certificate or "
                    + "certificate+password, not '" + login + "'");
        };
        UserField field = userFrom == null ? UserField.COMMON_NAME : switch (userFrom.toLowerCase(Locale.ROOT)) {
            case "cn" -> UserField.COMMON_NAME;
            case "email" -> UserField.EMAIL;
            case "subject" -> UserField.SUBJECT;
            default -> throw new IllegalArgumentException("--tls-user-from takes cn, email or subject, not '" + userFrom
                    + "'");
        };
        if (verification == Verification.OFF && ca != null) {
            throw new IllegalArgumentException("--tls-client-ca needs --tls-verify-client optional or required");
        }
        if (verification == Verification.OFF && (login != null || userFrom != null)) {
            throw new IllegalArgumentException((login != null ? "--tls-client-login" : "--tls-user-from")
                    + " needs --tls-verify-client optional or required");
        }
        if (verification != Verification.OFF && ca == null) {
            throw new IllegalArgumentException("--tls-verify-client needs --tls-client-ca: the CAs that issue the "
                    + "client certificates");
        }
        if ((field == UserField.SUBJECT) != (userMap != null)) {
            throw new IllegalArgumentException(userMap == null ? "--tls-user-from subject needs --tls-user-map FILE"
                    : "--tls-user-map needs --tls-user-from subject");
        }
        if (userMap != null && !Files.isReadable(userMap)) {
            throw new IllegalArgumentException("--tls-user-map: cannot read " + userMap);
        }
        boolean directory = ca != null && Files.isDirectory(ca);
        return new ClientCertificates(verification, directory ? Optional.empty() : Optional.ofNullable(ca),
                directory ? Optional.of(ca) : Optional.empty(), field, mode, false, Optional.ofNullable(userMap));
    }
}
