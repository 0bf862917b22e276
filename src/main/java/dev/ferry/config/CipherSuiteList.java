package dev.ferry.config;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * An OpenSSL cipher list (ciphers(1ssl), as ProFTPD's {@code TLSCipherSuite} and Pure-FTPd's
 * {@code -J} take it) turned into JSSE cipher suite names. Items are separated by colons, commas
 * or spaces; each may be prefixed with {@code !} (removed for good), {@code -} (removed, may come
 * back), {@code +} (moved to the end), and may join terms with {@code +} ("ECDHE+AESGCM": both).
 *
 * <p>A term is an IANA/JSSE suite name ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}), the
 * OpenSSL name of a common TLS 1.2 suite ({@code ECDHE-RSA-AES128-GCM-SHA256}), or an alias:
 * {@code ALL}, {@code DEFAULT}, {@code HIGH}, and selectors by key exchange, authentication,
 * cipher and MAC ({@code kRSA aRSA aECDSA ECDHE DHE AESGCM AES128
 * CHACHA20 SHA256 ...}). Aliases select among the JDK's enabled suites, which hold no NULL,
 * anonymous, export, RC4, DES or MD5 suite: {@code HIGH} is all of them (each uses AES or
 * ChaCha20), {@code MEDIUM}, {@code LOW}, {@code EXPORT}, {@code aNULL}, {@code eNULL},
 * {@code MD5}, {@code RC4}, {@code DES}, {@code 3DES} and the like select nothing, so
 * {@code !aNULL} and friends are accepted and change nothing. A term that means nothing to
 * Ferry is an error rather than a silent no-op.
 *
 * <p>As in OpenSSL, the list governs TLS 1.2 suites; the TLS 1.3 suites stay the JDK's unless
 * the list names TLS 1.3 suites ({@code TLS_AES_256_GCM_SHA384}), in which case only those.
 */
public final class CipherSuiteList {

    /** OpenSSL names of the TLS 1.2 suites JSSE has (OpenSSL's ciphers(1ssl) mapping table). */
    private static final Map<String, String> OPENSSL_NAMES = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"));

    /** Aliases that select nothing among the suites JSSE enables: only broken or obsolete ones. */
    private static final Set<String> NOTHING = Set.of("anull", "enull", "null", "md5", "rc4", "rc2", "des", "3des",
            "idea", "seed", "camellia", "aria", "export", "exp", "export40", "export56", "low", "medium", "adh", "aecdh",
            "psk", "srp", "dss", "adss", "kdhr", "kdhd", "kdh", "sslv2", "sslv3", "kgost", "agost", "gost94",
            "gost89mac", "aria128", "aria256", "camellia128", "camellia256", "kpsk", "kecdhepsk", "kdhepsk",
            "krsapsk", "apsk", "ksrp", "asrp");

    private CipherSuiteList() {
    }

    /** Whether {@code suite} is a TLS 1.3 suite (which negotiates no key exchange or authentication). */
    public static boolean isTls13(String suite) {
        return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    }

    /**
     * The JSSE suites {@code spec} selects, best first.
     *
     * @throws IllegalArgumentException naming the item that cannot be mapped, or when nothing is selected
     */
    public static List<String> parse(String spec) {
        List<String> enabled = List.of(defaults().getDefaultSSLParameters().getCipherSuites());
        Set<String> supported = Set.of(defaults().getSupportedSSLParameters().getCipherSuites());
        List<String> enabled12 = enabled.stream().filter(s -> !isTls13(s)).toList();
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        Set<String> killed = new java.util.HashSet<>();
        List<String> named13 = new ArrayList<>();
        String[] items = spec.strip().split("[:, ]+");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("empty cipher list");
        }
        for (String item : items) {
            char op = item.charAt(0);
            String body = (op == '!' || op == '-' || op == '+') ? item.substring(1) : item;
            if (body.isEmpty()) {
                throw new IllegalArgumentException("'" + item + "' names no cipher");
            }
            if (body.startsWith("@")) {
                throw new IllegalArgumentException("'" + item + "' (OpenSSL's " + body.replaceAll("=.*", "")
                        + ") is not supported: order the list by hand, strongest first");
            }
            List<String> matching = select(body, enabled12, supported, named13, op);
            switch (op) {
                case '!' -> {
                    killed.addAll(matching);
                    chosen.removeAll(matching);
                }
                case '-' -> chosen.removeAll(matching);
                case '+' -> {
                    for (String s : matching) {
                        if (chosen.remove(s)) {
                            chosen.add(s);
                        }
                    }
                }
                default -> matching.stream().filter(s -> !killed.contains(s)).forEach(chosen::add);
            }
        }
        List<String> result = new ArrayList<>();
        if (named13.isEmpty()) {
            enabled.stream().filter(CipherSuiteList::isTls13).forEach(result::add);
        } else {
            named13.stream().filter(s -> !killed.contains(s)).distinct().forEach(result::add);
        }
        List<String> chosen12 = chosen.stream().filter(s -> !isTls13(s)).toList();
        result.addAll(chosen12);
        if (chosen12.isEmpty() && named13.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' selects no TLS 1.2 cipher suite");
        }
        return List.copyOf(result);
    }

    /** The suites one term (or "A+B" conjunction) selects. */
    private static List<String> select(String body, List<String> enabled12, Set<String> supported,
                                       List<String> named13, char op) {
        if (body.startsWith("TLS_") || body.startsWith("SSL_")) {
            if (!supported.contains(body)) {
                throw new IllegalArgumentException(body + " is not a cipher suite this Java runtime supports");
            }
            if (isTls13(body) && op != '!' && op != '-') {
                named13.add(body);
            }
            return List.of(body);
        }
        String mapped = OPENSSL_NAMES.get(body.toUpperCase(Locale.ROOT));
        if (mapped != null) {
            return supported.contains(mapped) ? List.of(mapped) : List.of();
        }
        Predicate<String> all = s -> true;
        for (String term : body.split("\\+")) {
            all = all.and(alias(term, body));
        }
        return enabled12.stream().filter(all).toList();
    }

    private static Predicate<String> alias(String term, String item) {
        String t = term.toLowerCase(Locale.ROOT);
        if (NOTHING.contains(t)) {
            return s -> false;
        }
        return switch (t) {
            case "all", "default", "high", "complementofall", "tlsv1.2" -> s -> true;
            case "aead" -> s -> s.contains("_GCM_") || s.contains("_CHACHA20_");
            case "krsa", "rsa" -> s -> s.startsWith("TLS_RSA_");
            case "arsa" -> s -> s.contains("_RSA_WITH_") || s.startsWith("TLS_RSA_");
            case "aecdsa", "ecdsa" -> s -> s.contains("_ECDSA_");
            case "kecdhe", "ecdhe", "eecdh", "keecdh" -> s -> s.startsWith("TLS_ECDHE_");
            case "kdhe", "dhe", "edh", "kedh" -> s -> s.startsWith("TLS_DHE_");
            case "aes" -> s -> s.contains("_AES_");
            case "aes128" -> s -> s.contains("_AES_128_");
            case "aes256" -> s -> s.contains("_AES_256_");
            case "aesgcm" -> s -> s.contains("_GCM_");
            case "aesccm" -> s -> s.contains("_CCM");
            case "chacha20" -> s -> s.contains("_CHACHA20_");
            case "sha1", "sha" -> s -> s.endsWith("_SHA");
            case "sha256" -> s -> s.endsWith("_SHA256");
            case "sha384" -> s -> s.endsWith("_SHA384");
            default -> throw new IllegalArgumentException("'" + term + "'" + (term.equals(item) ? "" : " in '" + item + "'")
                    + " is not a cipher name or alias Ferry can map (use IANA names such as "
                    + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256, "
                    + "or HIGH, !aNULL, !MD5 ...)");
        };
    }

    private static SSLContext defaults() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context in this Java runtime", e);
        }
    }
}
