package dev.ferry.config.proftpd;

import dev.ferry.config.CipherSuiteList;
import dev.ferry.config.TlsCertificate;
import dev.ferry.config.TlsConfig;
import dev.ferry.config.TlsLevel;
import dev.ferry.config.TlsPolicy;
import dev.ferry.config.TlsRequirement;
import dev.ferry.config.file.ConfigNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The mod_tls directives of one server (server config, {@code <VirtualHost>}, and
 * {@code <Global>}, which the loader lays under each), as ProFTPD's mod_tls documentation
 * (doc/contrib/mod_tls.html) defines them: TLSEngine, TLSRequired, TLSProtocol,
 * TLSCipherSuite, TLSRSACertificateFile / TLSRSACertificateKeyFile,
 * TLSECCertificateFile / TLSECCertificateKeyFile, TLSCertificateChainFile, TLSPKCS12File,
 * TLSOptions, TLSRenegotiate, TLSLog, TLSServerCipherPreference. A later directive replaces an
 * earlier one, so a {@code <VirtualHost>}'s own line wins over {@code <Global>}'s. What Ferry
 * cannot do is refused by name, at the line that asks for it.
 */
final class TlsDirectives {

    TlsDirectives(Predicate<String> clientCertificateOption) {
        this.clientCertificateOption = clientCertificateOption;
    }

    /** A directive that cannot take effect, where it was written and why. */
    record Refusal(ConfigNode at, String message) {
    }

    /** mod_tls directives Ferry has no counterpart for yet (client certificates are read elsewhere). */
    private static final Set<String> NOT_YET = Set.of("tlssessioncache", "tlstimeouthandshake", "tlsecdhcurve",
            "tlsdhparamfile", "tlsmasqueradeaddress", "tlspassphraseprovider", "tlsstapling", "tlsstaplingcache",
            "tlsstaplingoptions", "tlsstaplingresponder", "tlsstaplingtimeout", "tlscryptodevice", "tlsrandomseed",
            "tlspresharedkey", "tlsnextprotocol", "tlssessiontickets", "tlssessionticketkeys", "tlsserverinfofile",
            "tlscontrolsacls", "tlscarevocationfile", "tlscarevocationpath", "tlsverifydepth", "tlsverifyorder",
            "tlsverifyserver");

    /** TLSOptions that change nothing in Ferry, with what to tell the operator. */
    private static final java.util.Map<String, String> HARMLESS_OPTIONS = java.util.Map.of(
            "stdenvvars", "Ferry sets no environment variables",
            "exportcertdata", "Ferry sets no environment variables",
            "enablediags", "TLS handshake details are logged at DEBUG in the main log",
            "noemptyfragments", "only TLS 1.2 and 1.3 are spoken, where empty fragments do not apply",
            "noautoecdh", "the JDK negotiates the curve",
            "nocertrequest", "no client certificate is requested unless TLSVerifyClient asks for one");

    /** Takes the TLSOptions that concern client certificates (AllowDotLogin); true when it took one. */
    private final Predicate<String> clientCertificateOption;
    /** {@code TLSRequired} inside {@code <IfUser>}/{@code <IfGroup>}, in the order written. */
    private final List<TlsRequirement> accounts = new ArrayList<>();
    private boolean engine;
    private ConfigNode engineAt;
    private TlsLevel required = TlsLevel.OPTIONAL;
    private List<String> protocols = TlsConfig.SUPPORTED_PROTOCOLS;
    private Optional<String> ciphers12 = Optional.empty();
    private Optional<String> ciphers13 = Optional.empty();
    private ConfigNode ciphersAt;
    private Optional<Path> rsaCertificate = Optional.empty();
    private Optional<Path> rsaKey = Optional.empty();
    private Optional<Path> ecCertificate = Optional.empty();
    private Optional<Path> ecKey = Optional.empty();
    private ConfigNode ecAt;
    private Optional<Path> chain = Optional.empty();
    private Optional<Path> pkcs12 = Optional.empty();
    private ConfigNode pkcs12At;
    private boolean sessionReuseRequired = true;
    private boolean implicit;
    private ConfigNode implicitAt;

    /**
     * Reads {@code d} if it is one of mod_tls's directives Ferry knows.
     *
     * @param notice what to tell the operator about a setting accepted that changes nothing
     * @return false when {@code d} is not a TLS directive this class reads
     */
    boolean read(ConfigNode d, Consumer<String> notice) throws Values.Invalid {
        String name = d.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "tlsengine" -> {
                engine = Values.onOff(d);
                engineAt = d;
            }
            case "tlsrequired" -> required = required(d);
            case "tlsprotocol" -> protocols = protocols(d);
            case "tlsciphersuite" -> cipherSuite(d);
            case "tlsrsacertificatefile" -> rsaCertificate = Optional.of(absolute(d));
            case "tlsrsacertificatekeyfile" -> rsaKey = Optional.of(absolute(d));
            case "tlseccertificatefile" -> {
                ecCertificate = Optional.of(absolute(d));
                ecAt = d;
            }
            case "tlseccertificatekeyfile" -> ecKey = Optional.of(absolute(d));
            case "tlscertificatechainfile" -> chain = Optional.of(absolute(d));
            case "tlspkcs12file" -> {
                pkcs12 = Optional.of(absolute(d));
                pkcs12At = d;
            }
            case "tlsoptions" -> options(d, notice);
            case "tlsrenegotiate" -> {
                if (!(d.args().size() == 1 && d.args().getFirst().equalsIgnoreCase("none"))) {
                    throw new Values.Invalid("TLSRenegotiate: Ferry never renegotiates (TLS 1.3 has no "
                            + "renegotiation, and a client's TLS 1.2 renegotiation is refused); use TLSRenegotiate "
                            + "none");
                }
                notice.accept("TLSRenegotiate none is what Ferry always does");
            }
            case "tlslog" -> {
                Values.one(d);
                notice.accept("TLSLog: TLS events go to the main log");
            }
            case "tlsservercipherpreference" -> {
                Values.onOff(d);
                notice.accept("TLSServerCipherPreference: Ferry always picks the cipher suite by its own order");
            }
            case "tlsdsacertificatefile", "tlsdsacertificatekeyfile" -> throw new Values.Invalid(d.name()
                    + ": DSA certificates are not supported (TLS 1.3 has no DSA); use an RSA or EC certificate");
            default -> {
                if (NOT_YET.contains(name)) {
                    throw new Values.Invalid(d.name() + " is not supported yet");
                }
                return false;
            }
        }
        return true;
    }

    /**
     * TLSRequired: {@code off}, {@code on} (control and data), {@code ctrl}. Ferry's policy levels
     * (Pure-FTPd's {@code -Y}) have no place for a policy that protects data but not control,
     * that allows CCC after a protected login (auth), or that refuses PROT P (!data).
     */
    static TlsLevel required(ConfigNode d) throws Values.Invalid {
        String v = Values.one(d).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "off", "no", "false" -> TlsLevel.OPTIONAL;
            case "on", "yes", "true", "ctrl+data" -> TlsLevel.CONTROL_AND_DATA;
            case "ctrl" -> TlsLevel.CONTROL;
            case "data" -> throw new Values.Invalid("TLSRequired data (protected data connections, control "
                    + "connection optional) is not supported: Ferry requires TLS on the control connection "
                    + "whenever it requires it for data; use TLSRequired on");
            case "auth", "auth+data" -> throw new Values.Invalid("TLSRequired " + v + " (CCC allowed after a "
                    + "protected login) is not supported yet: Ferry refuses CCC where TLS is required; use "
                    + (v.equals("auth") ? "ctrl" : "on"));
            case "!data", "ctrl+!data", "auth+!data" -> throw new Values.Invalid("TLSRequired " + v + " (PROT P "
                    + "refused) is not supported yet");
            default -> throw new Values.Invalid("TLSRequired takes on, off, ctrl, [!]data, auth or auth+[!]data, "
                    + "not '" + v + "'");
        };
    }

    /**
     * TLSProtocol: a list of versions, or {@code ALL} (and the legacy {@code SSLv23}) followed by
     * {@code -VERSION} exclusions, as mod_tls reads it. Ferry speaks TLS 1.2 and 1.3 only.
     */
    private static List<String> protocols(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, Integer.MAX_VALUE);
        Set<String> chosen = new LinkedHashSet<>();
        for (String arg : d.args()) {
            boolean remove = arg.startsWith("-");
            String version = remove || arg.startsWith("+") ? arg.substring(1) : arg;
            String canonical = switch (version.toLowerCase(Locale.ROOT)) {
                case "all", "sslv23" -> "ALL";
                case "tlsv1.2" -> "TLSv1.2";
                case "tlsv1.3" -> "TLSv1.3";
                case "sslv2", "sslv3", "tlsv1", "tlsv1.0", "tlsv1.1" -> remove ? "" : refuseOld(version);
                default -> throw new Values.Invalid("TLSProtocol: unknown protocol '" + arg
                        + "' (Ferry speaks TLSv1.2 and TLSv1.3)");
            };
            if (canonical.isEmpty()) {
                continue; // removing a version Ferry never speaks
            }
            List<String> versions = canonical.equals("ALL") ? TlsConfig.SUPPORTED_PROTOCOLS : List.of(canonical);
            if (remove) {
                versions.forEach(chosen::remove);
            } else {
                chosen.addAll(versions);
            }
        }
        if (chosen.isEmpty()) {
            throw new Values.Invalid("TLSProtocol leaves no protocol: Ferry speaks TLSv1.2 and TLSv1.3");
        }
        return TlsConfig.SUPPORTED_PROTOCOLS.stream().filter(chosen::contains).toList();
    }

    private static String refuseOld(String version) throws Values.Invalid {
        throw new Values.Invalid("TLSProtocol " + version + " is refused: SSL 3.0, TLS 1.0 and TLS 1.1 are broken "
                + "and deprecated (RFC 7568, RFC 8996); Ferry speaks TLSv1.2 and TLSv1.3");
    }

    /**
     * TLSCipherSuite LIST (the OpenSSL cipher list, for TLS 1.2), or, as mod_tls 1.3.7 takes
     * it, TLSCipherSuite TLSv1.3 LIST (the TLS 1.3 suites).
     */
    private void cipherSuite(ConfigNode d) throws Values.Invalid {
        Values.count(d, 1, Integer.MAX_VALUE);
        List<String> args = d.args();
        Optional<String> new12 = ciphers12;
        Optional<String> new13 = ciphers13;
        if (args.size() > 1 && args.getFirst().equalsIgnoreCase("TLSv1.3")) {
            String list = String.join(":", args.subList(1, args.size()));
            for (String suite : list.split("[:, ]+")) {
                if (!CipherSuiteList.isTls13(suite)) {
                    throw new Values.Invalid("TLSCipherSuite TLSv1.3: '" + suite + "' is not a TLS 1.3 suite "
                            + "(TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256)");
                }
            }
            new13 = Optional.of(list);
        } else {
            new12 = Optional.of(String.join(":", args));
        }
        try {
            cipherSuites(new12, new13); // a bad list is reported at its own line, and not kept
        } catch (IllegalArgumentException e) {
            throw new Values.Invalid("TLSCipherSuite: " + e.getMessage());
        }
        ciphers12 = new12;
        ciphers13 = new13;
        ciphersAt = d;
    }

    private static List<String> cipherSuites(Optional<String> ciphers12, Optional<String> ciphers13) {
        if (ciphers12.isEmpty() && ciphers13.isEmpty()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        parts.add(ciphers12.orElse("DEFAULT"));
        ciphers13.ifPresent(parts::add);
        return CipherSuiteList.parse(String.join(":", parts));
    }

    private void options(ConfigNode d, Consumer<String> notice) throws Values.Invalid {
        Values.count(d, 1, Integer.MAX_VALUE);
        boolean reuse = true;
        boolean implicitTls = false;
        for (String option : d.args()) {
            if (clientCertificateOption.test(option)) {
                continue;
            }
            String o = option.toLowerCase(Locale.ROOT);
            switch (o) {
                case "nosessionreuserequired" -> reuse = false;
                case "useimplicitssl" -> implicitTls = true;
                case "allowclientrenegotiations", "allowclientrenegotiation" -> throw new Values.Invalid(
                        "TLSOptions " + option + " is refused: client renegotiation is always refused "
                                + "(CVE-2009-3555, CVE-2011-1473)");
                default -> {
                    String why = HARMLESS_OPTIONS.get(o);
                    if (why == null) {
                        throw new Values.Invalid("TLSOptions " + option + " is not supported yet");
                    }
                    notice.accept("TLSOptions " + option + ": " + why);
                }
            }
        }
        // mod_tls: every option on one line; the line read last (the most specific context) counts
        sessionReuseRequired = reuse;
        implicit = implicitTls;
        implicitAt = implicitTls ? d : null;
    }

    private static Path absolute(ConfigNode d) throws Values.Invalid {
        String file = Values.one(d);
        if (!file.startsWith("/")) {
            throw new Values.Invalid(d.name() + " needs an absolute path, not '" + file + "'");
        }
        return Path.of(file).normalize();
    }

    /** Whether the server becomes implicit FTPS on its own addresses (TLSOptions UseImplicitSSL). */
    boolean implicit() {
        return engine && implicit;
    }

    /** What cannot be made into a TLS setting, each at the line that asks for it. */
    List<Refusal> check() {
        List<Refusal> refusals = new ArrayList<>();
        if (rsaCertificate.isPresent() && ecCertificate.isPresent()) {
            refusals.add(new Refusal(ecAt, "both an RSA and an EC certificate is not supported yet: Ferry presents "
                    + "one certificate per server; keep TLSRSACertificateFile or TLSECCertificateFile"));
        }
        if (pkcs12.isPresent() && (rsaCertificate.isPresent() || ecCertificate.isPresent())) {
            refusals.add(new Refusal(pkcs12At, "TLSPKCS12File together with a PEM certificate: give one of them"));
        }
        if (implicit && !engine) {
            refusals.add(new Refusal(implicitAt, "TLSOptions UseImplicitSSL needs TLSEngine on"));
        }
        if (engine && certificate().isEmpty()) {
            refusals.add(new Refusal(engineAt, "TLSEngine on needs a certificate: TLSRSACertificateFile, "
                    + "TLSECCertificateFile or TLSPKCS12File"));
        }
        if (engine && certificate().isPresent()) {
            try {
                config(List.of());
            } catch (IllegalArgumentException e) {
                refusals.add(new Refusal(ciphersAt != null ? ciphersAt : engineAt, e.getMessage()));
            }
        }
        return refusals;
    }

    private Optional<TlsCertificate> certificate() {
        if (pkcs12.isPresent()) {
            // mod_tls asks for a passphrase on the terminal; Ferry runs unattended: no passphrase
            return Optional.of(new TlsCertificate.Pkcs12File(pkcs12.get(), ""));
        }
        if (rsaCertificate.isPresent()) {
            return Optional.of(new TlsCertificate.PemFiles(rsaCertificate.get(), rsaKey.orElse(rsaCertificate.get()),
                    chain));
        }
        if (ecCertificate.isPresent()) {
            return Optional.of(new TlsCertificate.PemFiles(ecCertificate.get(), ecKey.orElse(ecCertificate.get()),
                    chain));
        }
        return Optional.empty();
    }

    /** A TLS level for some accounts ({@code <IfUser>}, {@code <IfGroup>}); the first written that applies wins. */
    void require(TlsRequirement requirement) {
        accounts.add(requirement);
    }

    /**
     * The server's TLS setting; call only when {@link #check} found nothing.
     *
     * @param binds the server's addresses, which are implicit-FTPS ones with UseImplicitSSL
     */
    TlsConfig config(List<InetSocketAddress> binds) {
        if (!engine || certificate().isEmpty()) {
            return TlsConfig.OFF;
        }
        try {
            return new TlsConfig(new TlsPolicy(required, false, sessionReuseRequired, accounts), certificate(), protocols,
                    implicit ? binds : List.of(), cipherSuites(ciphers12, ciphers13));
        } catch (IllegalArgumentException e) {
            return TlsConfig.OFF; // check() has reported it at its line
        }
    }
}
