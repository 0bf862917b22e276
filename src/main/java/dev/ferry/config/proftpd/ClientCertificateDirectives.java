package dev.ferry.config.proftpd;

import dev.ferry.config.ClientCertificates;
import dev.ferry.config.ClientCertificates.LoginMode;
import dev.ferry.config.ClientCertificates.UserField;
import dev.ferry.config.ClientCertificates.Verification;
import dev.ferry.config.ServerConfig;
import dev.ferry.config.file.ConfigNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One server's client-certificate directives, as they are read: mod_tls's
 * {@code TLSVerifyClient on|off|optional}, {@code TLSCACertificateFile file},
 * {@code TLSCACertificatePath directory}, {@code TLSUserName CommonName|EmailSubjAltName} and
 * the {@code AllowDotLogin} option of {@code TLSOptions}, all in the server config,
 * {@code <VirtualHost>} and {@code <Global>} contexts (ProFTPD's mod_tls documentation).
 *
 * <p>{@code TLSUserName} turns certificate logins on: a client whose certificate names the user
 * given with USER is logged in by it (232), without a password. ProFTPD would then still ask for
 * a password and take any; Ferry skips it, as RFC 4217 §12 allows, and refuses a certificate
 * that names another user (530) instead of falling back to the password.
 */
final class ClientCertificateDirectives {
    private Verification verification = Verification.OFF;
    private ConfigNode verificationAt;
    private Optional<Path> caFile = Optional.empty();
    private Optional<Path> caDirectory = Optional.empty();
    private Optional<UserField> userName = Optional.empty();
    private ConfigNode userNameAt;
    private boolean dotLogin;

    /** A setting that cannot stand, and the line to blame. */
    record Problem(ConfigNode at, String message) {
    }

    /** Reads {@code d} if it is one of these directives; false when it is not one. */
    boolean read(ConfigNode d) throws Values.Invalid {
        switch (d.name().toLowerCase(Locale.ROOT)) {
            case "tlsverifyclient" -> {
                String value = Values.one(d);
                verification = switch (value.toLowerCase(Locale.ROOT)) {
                    case "optional" -> Verification.OPTIONAL;
                    case "on", "yes", "true", "1" -> Verification.REQUIRED;
                    case "off", "no", "false", "0" -> Verification.OFF;
                    default -> throw new Values.Invalid(d.name() + " takes on, off or optional, not '" + value + "'");
                };
                verificationAt = d;
            }
            case "tlscacertificatefile" -> caFile = Optional.of(absolute(d));
            case "tlscacertificatepath" -> caDirectory = Optional.of(absolute(d));
            case "tlsusername" -> {
                String value = Values.one(d);
                userName = Optional.of(switch (value.toLowerCase(Locale.ROOT)) {
                    case "commonname" -> UserField.COMMON_NAME;
                    case "emailsubjaltname" -> UserField.EMAIL;
                    default -> throw new Values.Invalid(d.name() + " " + value + " is not supported yet: Ferry takes "
                            + "CommonName or EmailSubjAltName (custom OIDs are not supported)");
                });
                userNameAt = d;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes one option of a {@code TLSOptions} line: true for {@code AllowDotLogin}, the only one
     * about client certificates; false for any other, which the reader of the other TLS options
     * handles.
     */
    boolean option(String name) {
        if (name.equalsIgnoreCase("AllowDotLogin")) {
            dotLogin = true;
            return true;
        }
        return false;
    }

    /** What is wrong with these settings as a whole, once the context is read. */
    Optional<Problem> problem() {
        if (verification == Verification.OFF) {
            if (userNameAt != null) {
                return Optional.of(new Problem(userNameAt, "TLSUserName needs client certificates: TLSVerifyClient "
                        + "on or optional"));
            }
            return Optional.empty();
        }
        if (caFile.isEmpty() && caDirectory.isEmpty()) {
            return Optional.of(new Problem(verificationAt, "TLSVerifyClient needs the CAs of the client "
                    + "certificates: TLSCACertificateFile or TLSCACertificatePath (Ferry does not fall back to "
                    + "a system-wide CA list)"));
        }
        return Optional.empty();
    }

    /** The settings read; OFF when none was given. */
    ClientCertificates settings() {
        if (verification == Verification.OFF) {
            return ClientCertificates.OFF;
        }
        return new ClientCertificates(verification, caFile, caDirectory, userName.orElse(UserField.COMMON_NAME),
                userName.isPresent() ? LoginMode.CERTIFICATE : LoginMode.PASSWORD, dotLogin);
    }

    /**
     * {@code server} with these settings in its TLS settings. A server with TLS off keeps none,
     * as mod_tls does nothing with {@code TLSEngine off}; nor does one with a {@link #problem},
     * which the loader reports.
     */
    ServerConfig applyTo(ServerConfig server) {
        if (!server.tls().enabled() || problem().isPresent()) {
            return server;
        }
        return server.withTls(server.tls().withClientCertificates(settings()));
    }

    private static Path absolute(ConfigNode d) throws Values.Invalid {
        String path = Values.one(d);
        if (!path.startsWith("/")) {
            throw new Values.Invalid(d.name() + " needs an absolute path, not '" + path + "'");
        }
        return Path.of(path).normalize();
    }
}
