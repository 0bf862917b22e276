package dev.ferry.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a server does with TLS client certificates (RFC 4217 §12; ProFTPD's
 * {@code TLSVerifyClient}, {@code TLSCACertificateFile}, {@code TLSCACertificatePath},
 * {@code TLSUserName} and {@code TLSOptions AllowDotLogin}). One per server, so that a
 * {@code <VirtualHost>} can have its own.
 *
 * @param verification whether the control connection's handshake asks for a certificate
 * @param caFile       a PEM bundle of the CAs whose client certificates are trusted
 * @param caDirectory  a directory of PEM CA certificates (every file in it is read)
 * @param userField    which part of a certificate names its user
 * @param login        what a certificate does for a login
 * @param dotLogin     a certificate also names the user whose {@code ~/.tlslogin} holds it, and
 *                     that user logs in with it alone (ProFTPD {@code TLSOptions AllowDotLogin})
 * @param subjectMap   for {@link UserField#SUBJECT}: the file that lists, per user, the subject
 *                     DNs of the certificates that name them (read at each login, so edits count
 *                     at once)
 */
public record ClientCertificates(Verification verification, Optional<Path> caFile, Optional<Path> caDirectory,
                                 UserField userField, LoginMode login, boolean dotLogin, Optional<Path> subjectMap) {

    /** No client certificates: the default. */
    public static final ClientCertificates OFF = new ClientCertificates(Verification.OFF, Optional.empty(),
            Optional.empty(), UserField.COMMON_NAME, LoginMode.PASSWORD, false);

    /** Whether the control connection's handshake asks for a client certificate. */
    public enum Verification {
        /** Not asked for (ProFTPD {@code TLSVerifyClient off}). */
        OFF,
        /** Asked for; a client may send none, but one it sends must verify ({@code TLSVerifyClient optional}). */
        OPTIONAL,
        /** The handshake fails without a certificate that verifies ({@code TLSVerifyClient on}). */
        REQUIRED
    }

    /** The part of a certificate that names its user (ProFTPD {@code TLSUserName}). */
    public enum UserField {
        /** The subject's CN ({@code TLSUserName CommonName}). */
        COMMON_NAME,
        /** An rfc822Name (e-mail address) in the subject alternative names ({@code TLSUserName EmailSubjAltName}). */
        EMAIL,
        /**
         * The whole subject DN, looked up in the administrator's map of users to subjects
         * ({@code --tls-user-map}): for certificates whose CN is a person's name, not a login.
         */
        SUBJECT
    }

    /** What a certificate does for a login. */
    public enum LoginMode {
        /** Nothing: the password logs in, the certificate only opened the connection. */
        PASSWORD,
        /**
         * A certificate that names the user logs in at USER with 232 and no PASS; a client that
         * sent no certificate logs in with its password.
         */
        CERTIFICATE,
        /** Both: a certificate that names the user, then its password. */
        CERTIFICATE_AND_PASSWORD
    }

    /** Without a subject map. */
    public ClientCertificates(Verification verification, Optional<Path> caFile, Optional<Path> caDirectory,
                              UserField userField, LoginMode login, boolean dotLogin) {
        this(verification, caFile, caDirectory, userField, login, dotLogin, Optional.empty());
    }

    public ClientCertificates {
        Objects.requireNonNull(verification);
        subjectMap = subjectMap.map(p -> p.toAbsolutePath().normalize());
        if ((userField == UserField.SUBJECT) != subjectMap.isPresent()) {
            throw new IllegalArgumentException("users named by certificate subject need the map of users to "
                    + "subjects (--tls-user-map), and only they use it");
        }
        caFile = caFile.map(p -> p.toAbsolutePath().normalize());
        caDirectory = caDirectory.map(p -> p.toAbsolutePath().normalize());
        Objects.requireNonNull(userField);
        Objects.requireNonNull(login);
        if (verification != Verification.OFF && caFile.isEmpty() && caDirectory.isEmpty()) {
            throw new IllegalArgumentException("client certificates need the CAs that issue them: "
                    + "give a CA file (TLSCACertificateFile, --tls-client-ca) or directory (TLSCACertificatePath)");
        }
        if (verification == Verification.OFF && (login != LoginMode.PASSWORD || dotLogin)) {
            throw new IllegalArgumentException("logins by client certificate need client certificates verified "
                    + "(TLSVerifyClient on or optional, --tls-verify-client)");
        }
    }

    public boolean enabled() {
        return verification != Verification.OFF;
    }

    /** These settings with another login mode. */
    public ClientCertificates withLogin(LoginMode newLogin) {
        return new ClientCertificates(verification, caFile, caDirectory, userField, newLogin, dotLogin, subjectMap);
    }
}
