package dev.ferry.auth;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ServerConfig;
import dev.ferry.log.LogText;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Logins by TLS client certificate (RFC 4217 §12: the server may take the certificate, or the
 * certificate and a password, as the user's credentials; RFC 2228 §5 gives such a USER the
 * reply 232). A certificate names a user by its subject CN or an e-mail subject alternative
 * name (ProFTPD {@code TLSUserName CommonName | EmailSubjAltName}), or by sitting in the user's
 * {@code ~/.tlslogin} (ProFTPD {@code TLSOptions AllowDotLogin}). The certificate reaching this
 * class has already been verified against the server's client CAs in the handshake.
 *
 * <p>Anonymous logins never look at certificates. What the client hears of a refusal is only
 * the usual 530; the reason is for the log.
 */
public final class CertificateLogin {
    /** RFC 2228 §5 / RFC 4217 §12: "User logged in, authorized by security data exchange". */
    public static final int AUTHORIZED_BY_SECURITY_DATA = 232;
    /** ProFTPD's file of the certificates that log a user in (AllowDotLogin). */
    public static final String DOT_LOGIN_FILE = ".tlslogin";
    private static final int RFC822_NAME = 1;

    private CertificateLogin() {
    }

    /** What USER does with a certificate. */
    public sealed interface AtUser {
        /** The usual 331: the password decides (it may have been decided already that both are needed). */
        record PasswordNext() implements AtUser {
        }

        /** 232: logged in by the certificate, no PASS. */
        record LoggedIn(UserAccount account) implements AtUser {
        }

        /** 530, a failed login; the reason is logged, never sent. */
        record Refused(String reason) implements AtUser {
        }
    }

    /**
     * @param certificate the client's verified certificate from the control connection, if any
     */
    public static AtUser atUser(ServerConfig server, AccountResolver accounts, String user,
                                Optional<X509Certificate> certificate, InetAddress client) {
        ClientCertificates settings = server.tls().clientCertificates();
        if (!settings.enabled() || AccountResolver.isAnonymous(server, user)) {
            return new AtUser.PasswordNext();
        }
        if (certificate.isEmpty()) {
            return settings.login() == LoginMode.CERTIFICATE_AND_PASSWORD
                    ? new AtUser.Refused("no client certificate, and this server wants one with the password")
                    : new AtUser.PasswordNext();
        }
        X509Certificate presented = certificate.get();
        if (settings.login() == LoginMode.PASSWORD && !settings.dotLogin()) {
            return new AtUser.PasswordNext();
        }
        Optional<String> expired = outOfDate(presented);
        if (expired.isPresent()) { // a resumed TLS session may carry a certificate that has expired since
            return settings.login() == LoginMode.PASSWORD ? new AtUser.PasswordNext()
                    : new AtUser.Refused(expired.get());
        }
        AuthResult found = accounts.resolveProven(server, user, client);
        if (!(found instanceof AuthResult.Success(UserAccount account))) {
            if (settings.login() == LoginMode.PASSWORD) {
                return new AtUser.PasswordNext(); // PASS will fail the same way, as it would without a certificate
            }
            return new AtUser.Refused(found instanceof AuthResult.Failure(String why) ? why : "unknown user");
        }
        boolean byField = names(settings, presented, user, account.name());
        boolean byDotLogin = settings.dotLogin() && inDotLogin(account, presented);
        return switch (settings.login()) {
            case PASSWORD -> byDotLogin ? new AtUser.LoggedIn(account) : new AtUser.PasswordNext();
            case CERTIFICATE -> byField || byDotLogin ? new AtUser.LoggedIn(account)
                    : new AtUser.Refused(mismatch(settings, presented, user));
            case CERTIFICATE_AND_PASSWORD -> byField || byDotLogin ? new AtUser.PasswordNext()
                    : new AtUser.Refused(mismatch(settings, presented, user));
        };
    }

    /**
     * At PASS, for a password that was right: why the login must still fail, if it must. The
     * certificate was matched at USER; this holds the line should the two ever come apart.
     */
    public static Optional<String> atPass(ServerConfig server, String user, UserAccount account,
                                          Optional<X509Certificate> certificate) {
        ClientCertificates settings = server.tls().clientCertificates();
        if (settings.login() != LoginMode.CERTIFICATE_AND_PASSWORD || account.anonymous()
                || AccountResolver.isAnonymous(server, user)) {
            return Optional.empty();
        }
        if (certificate.isEmpty()) {
            return Optional.of("no client certificate, and this server wants one with the password");
        }
        X509Certificate presented = certificate.get();
        Optional<String> expired = outOfDate(presented);
        if (expired.isPresent()) {
            return expired;
        }
        if (names(settings, presented, user, account.name())
                || (settings.dotLogin() && inDotLogin(account, presented))) {
            return Optional.empty();
        }
        return Optional.of(mismatch(settings, presented, user));
    }

    /** Whether {@code certificate}'s field is the name given with USER or the account's own name. */
    static boolean names(ClientCertificates settings, X509Certificate certificate, String user, String accountName) {
        List<String> values = namedBy(settings, certificate);
        return values.contains(user) || values.contains(accountName);
    }

    /** The user names {@code certificate} gives by the configured field. */
    private static List<String> namedBy(ClientCertificates settings, X509Certificate certificate) {
        return switch (settings.userField()) {
            case COMMON_NAME -> commonNames(certificate);
            case EMAIL -> emails(certificate);
            case SUBJECT -> SubjectMap.usersFor(settings.subjectMap().orElseThrow(),
                    certificate.getSubjectX500Principal());
        };
    }

    static List<String> commonNames(X509Certificate certificate) {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(Rdn::getValue).map(String::valueOf).toList();
        } catch (InvalidNameException e) {
            return List.of();
        }
    }

    static List<String> emails(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(n -> n.size() >= 2 && Integer.valueOf(RFC822_NAME).equals(n.get(0)))
                .map(n -> String.valueOf(n.get(1))).toList();
    }

    /** Whether the account's {@code ~/.tlslogin} holds {@code certificate} (the same DER encoding). */
    static boolean inDotLogin(UserAccount account, X509Certificate certificate) {
        if (account.home().isEmpty()) {
            return false;
        }
        Path file = account.home().get().resolve(DOT_LOGIN_FILE);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] presented = certificate.getEncoded();
            for (Certificate listed : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (Arrays.equals(listed.getEncoded(), presented)) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | CertificateEncodingException e) {
            return false;
        } catch (CertificateException e) {
            return false; // not PEM or DER certificates: it lets nobody in
        }
    }

    private static Optional<String> outOfDate(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("the client certificate expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return Optional.of("the client certificate is not valid before " + certificate.getNotBefore().toInstant());
        }
    }

    private static String mismatch(ClientCertificates settings, X509Certificate certificate, String user) {
        List<String> values = namedBy(settings, certificate);
        String field = switch (settings.userField()) {
            case COMMON_NAME -> "CN";
            case EMAIL -> "e-mail";
            case SUBJECT -> "subject in " + settings.subjectMap().orElseThrow();
        };
        return "the client certificate (subject " + certificate.getSubjectX500Principal().getName() + ") names "
                + (values.isEmpty() ? "no user by its " + field : String.join(", ", values) + " by its " + field)
                + ", not " + LogText.escape(user)
                + (settings.dotLogin() ? ", and is not in the user's " + DOT_LOGIN_FILE : "");
    }
}
